import { describeTestReceiverStore } from "./store.suite";

describeTestReceiverStore("postgresql");
