import { describeTestReceiverStore } from "./store.suite";

describeTestReceiverStore("sqlite");
