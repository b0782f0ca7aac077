import { describeDeliveryHealth } from "./health.suite";

describeDeliveryHealth("postgresql");
