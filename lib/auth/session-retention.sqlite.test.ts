import { describeSessionRetention } from "./session-retention.suite";

describeSessionRetention("sqlite");
