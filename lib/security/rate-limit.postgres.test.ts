import { describeRateLimiter } from "./rate-limit.suite";

describeRateLimiter("postgresql");
