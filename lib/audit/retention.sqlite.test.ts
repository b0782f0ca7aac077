import { describeAuditRetention } from "./retention.suite";

describeAuditRetention("sqlite");
