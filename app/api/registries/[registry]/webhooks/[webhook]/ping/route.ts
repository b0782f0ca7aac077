/** POST: sends a ping now; { id } of its event. 429 with Retry-After past 5 a minute. */
export { pingWebhookRoute as POST } from "@/lib/api/webhook-resource";
