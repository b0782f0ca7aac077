import "server-only";
import { db } from "../db";

/**
 * Keeps each webhook's latest `keep` deliveries (attempts go with them). Runs from the
 * worker when it is idle, never on the ingest path; deliveries still pending are kept.
 */
export const pruneOldDeliveries = async (keep: number) => {
  const crowded = await db.$queryRawUnsafe<{ webhookId: string }[]>(
    `SELECT "webhookId" FROM "Delivery" GROUP BY "webhookId" HAVING COUNT(*) > ?`,
    keep,
  );
  for (const { webhookId } of crowded) {
    await db.$executeRawUnsafe(
      `DELETE FROM "Delivery" WHERE "webhookId" = ? AND "state" != 'pending' AND "seq" <= (
         SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? ORDER BY "seq" DESC LIMIT 1 OFFSET ?)`,
      webhookId,
      webhookId,
      keep,
    );
  }
};
