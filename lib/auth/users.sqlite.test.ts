import { describeUsers } from "./users.suite";

describeUsers("sqlite");
