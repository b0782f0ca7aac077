import { describeUsers } from "./users.suite";

describeUsers("postgresql");
