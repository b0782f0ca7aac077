import "server-only";
import { secretKey } from "../crypto/secret-key";
import { db } from "../db";
import { openStoredValue } from "../webhooks/stored-secrets";
import { sendAttemptNow } from "./send-now";
import { serviceUriHash } from "./service-uri-hash";

export const URI_CHANGED_MESSAGE =
  "This event was recorded for a different service URI. Redeliver would send its old payload to the new address, so it is refused; use Ping to test the new one.";

/**
 * Sends a delivery's payload again as its next attempt (GitHub's Redeliver), unless the
 * service URI changed since the event was recorded (GitLab's rule: old payloads never go to a
 * new host by surprise).
 */
export const redeliver = async (webhook: { id: string } & Parameters<typeof sendAttemptNow>[1], deliveryId: string) => {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, webhookId: webhook.id } });
  if (!delivery) return { kind: "missing" as const };
  // Hashes of plaintext URIs (the row may come opened or as stored: plaintext passes through).
  const currentHash = serviceUriHash(openStoredValue(webhook.serviceUri, secretKey()));
  if (delivery.serviceUriHash && delivery.serviceUriHash !== currentHash) {
    return { kind: "refused" as const, message: URI_CHANGED_MESSAGE };
  }
  return { kind: "sent" as const, ...(await sendAttemptNow(delivery, webhook, delivery.attemptCount + 1)) };
};
