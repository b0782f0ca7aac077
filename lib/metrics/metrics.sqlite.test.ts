import { describeMetrics } from "./metrics.suite";

describeMetrics("sqlite");
