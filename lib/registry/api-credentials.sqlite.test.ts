import { describeApiCredentials } from "./api-credentials.suite";

describeApiCredentials("sqlite");
