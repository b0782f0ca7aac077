/** POST ?api-version=...: sends a ping now; { id } of its event. */
export { armPingWebhook as POST } from "@/lib/api/arm/webhook-routes";
