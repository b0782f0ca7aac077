import "server-only";
import { db } from "../db";
import { sendAttemptNow } from "./send-now";

/** Sends a delivery's payload again as its next attempt (GitHub's Redeliver). */
export const redeliver = async (webhook: { id: string } & Parameters<typeof sendAttemptNow>[1], deliveryId: string) => {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, webhookId: webhook.id } });
  if (!delivery) return null;
  return sendAttemptNow(delivery, webhook, delivery.attemptCount + 1);
};
