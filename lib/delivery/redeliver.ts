import "server-only";
import { db } from "../db";
import { sendAttemptNow } from "./send-now";

export const URI_CHANGED_MESSAGE =
  "This event was recorded for a different service URI. Redeliver would send its old payload to the new address, so it is refused; use Ping to test the new one.";

/**
 * Sends a delivery's payload again as its next attempt (GitHub's Redeliver), unless the
 * service URI changed since the event was recorded (GitLab's rule: old payloads never go to a
 * new host by surprise).
 */
export const redeliver = async (
  webhook: { id: string; serviceUriHash: string } & Parameters<typeof sendAttemptNow>[1],
  deliveryId: string,
) => {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, webhookId: webhook.id } });
  if (!delivery) return { kind: "missing" as const };
  // Both hashes were stored when written (an empty one is not known: nothing to compare).
  if (delivery.serviceUriHash && webhook.serviceUriHash && delivery.serviceUriHash !== webhook.serviceUriHash) {
    return { kind: "refused" as const, message: URI_CHANGED_MESSAGE };
  }
  return { kind: "sent" as const, ...(await sendAttemptNow({ ...delivery, trigger: "redeliver" }, webhook, delivery.attemptCount + 1)) };
};
