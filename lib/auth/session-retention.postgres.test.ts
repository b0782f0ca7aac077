import { describeSessionRetention } from "./session-retention.suite";

// East of UTC on purpose, as in lib/audit/retention.postgres.test.ts: a cutoff must compare in UTC.
process.env.TZ = "Asia/Tokyo";

describeSessionRetention("postgresql");
