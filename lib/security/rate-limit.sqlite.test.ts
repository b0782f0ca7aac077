import { describeRateLimiter } from "./rate-limit.suite";

describeRateLimiter("sqlite");
