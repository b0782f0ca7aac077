import { describeAuditRetention } from "./retention.suite";

// East of UTC on purpose: a cutoff sent to pg as a Date would arrive in local time and, in a
// column without time zone, delete entries 9 hours too new (the boundary case catches it).
process.env.TZ = "Asia/Tokyo";

describeAuditRetention("postgresql");
