import { describeDeliveryStore } from "./delivery-store.suite";

describeDeliveryStore("sqlite");
