import { describeEncryptAtRest } from "./encrypt-at-rest.suite";

describeEncryptAtRest("postgresql");
