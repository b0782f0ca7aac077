import { describeDeliveryHealth } from "./health.suite";

describeDeliveryHealth("sqlite");
