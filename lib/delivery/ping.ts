import "server-only";
import { randomUUID } from "node:crypto";
import { secretKey } from "../crypto/secret-key";
import { deliveryStore } from "../db/delivery-store";
import { openStoredValue } from "../webhooks/stored-secrets";
import { sendAttemptNow } from "./send-now";
import { serviceUriHash } from "./service-uri-hash";

type PingTarget = { id: string } & Parameters<typeof sendAttemptNow>[1];

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
  // The hash of the plaintext URI (the row may come opened or as stored: plaintext passes through).
  const uriHash = serviceUriHash(openStoredValue(webhook.serviceUri, secretKey()));
  // Stored before sending, as "failed" until the answer says otherwise: the worker only
  // picks up "pending" deliveries, so it never sends a ping a second time.
  await deliveryStore.insertPing({ id, webhookId: webhook.id, payload, serviceUriHash: uriHash }, new Date());
  return { id, ...(await sendAttemptNow({ id, payload }, webhook, 1)) };
};
