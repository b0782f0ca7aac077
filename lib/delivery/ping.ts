import "server-only";
import { deliveryStore } from "../db/delivery-store";
import { env } from "../env";
import { payloadFormatOf } from "../webhooks/payload-format";
import { cloudEventSource, formatBody } from "./payload-bodies";
import { newDeliveryId } from "./delivery-id.mjs";
import { sendAttemptNow } from "./send-now";

type PingTarget = { id: string; name: string; serviceUriHash: string; payloadFormat: string } & Parameters<typeof sendAttemptNow>[1];

/** ACR's ping body: just an id, a timestamp and the action. */
export const pingPayload = (id: string, now = new Date()) => ({
  id,
  timestamp: now.toISOString(),
  action: "ping" as const,
});

/** Sends a ping (enabled or not, as in ACR), in the webhook's payload format, and stores it as a `ping` event. */
export const sendPing = async (webhook: PingTarget, registry: string) => {
  const id = newDeliveryId();
  const payload = formatBody(
    payloadFormatOf(webhook.payloadFormat),
    { action: "ping", acr: pingPayload(id), webhook: webhook.name },
    { registry, source: cloudEventSource(env.PORTAL_URL, registry) },
  );
  // Tagged with the hash stored beside the service URI (nothing is decrypted for it).
  // Stored before sending, as "failed" until the answer says otherwise: the worker only
  // picks up "pending" deliveries, so it never sends a ping a second time.
  await deliveryStore.insertPing({ id, webhookId: webhook.id, payload, serviceUriHash: webhook.serviceUriHash }, new Date());
  return { id, ...(await sendAttemptNow({ id, payload, webhookId: webhook.id, trigger: "ping" }, webhook, 1)) };
};
