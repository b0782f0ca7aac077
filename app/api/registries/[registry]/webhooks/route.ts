/** GET: the registry's webhooks, { value: Webhook[] } (ARM's list). */
export { listWebhooksRoute as GET } from "@/lib/api/webhook-resource";
