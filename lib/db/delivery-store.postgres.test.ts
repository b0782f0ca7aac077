import { describeDeliveryStore } from "./delivery-store.suite";

describeDeliveryStore("postgresql");
