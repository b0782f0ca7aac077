import "server-only";
import { randomUUID } from "node:crypto";
import { deliveryStore } from "../db/delivery-store";
import { sendAttemptNow } from "./send-now";

type PingTarget = { id: string; serviceUriHash: string } & Parameters<typeof sendAttemptNow>[1];

/** ACR's ping body: just an id, a timestamp and the action. */
export const pingPayload = (id: string, now = new Date()) => ({
  id,
  timestamp: now.toISOString(),
  action: "ping" as const,
});

/** Sends a ping (enabled or not, as in ACR) and stores it as a `ping` event. */
export const sendPing = async (webhook: PingTarget) => {
  const id = randomUUID();
  const payload = JSON.stringify(pingPayload(id));
  // Tagged with the hash stored beside the service URI (nothing is decrypted for it).
  // Stored before sending, as "failed" until the answer says otherwise: the worker only
  // picks up "pending" deliveries, so it never sends a ping a second time.
  await deliveryStore.insertPing({ id, webhookId: webhook.id, payload, serviceUriHash: webhook.serviceUriHash }, new Date());
  return { id, ...(await sendAttemptNow({ id, payload, webhookId: webhook.id, trigger: "ping" }, webhook, 1)) };
};
