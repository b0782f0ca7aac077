import { describeMetrics } from "./metrics.suite";

describeMetrics("postgresql");
