import { describeWebhookHealth } from "./webhook-health.suite";

describeWebhookHealth("postgresql");
