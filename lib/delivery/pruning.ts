import "server-only";
import { BATCH, deleteInBatches, yieldToEventLoop } from "../db/batches";
import { preparedStatements, queueDb, sqlDateBefore } from "../db-raw";

// Everything that deletes many deliveries, registry events or tags: in batches of at most
// BATCH rows that yield to the event loop in between (see lib/db/batches.ts).

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const statements = preparedStatements({
  webhookIds: `SELECT "id" FROM "Webhook"`,
  /** The newest delivery a webhook no longer keeps (walks `keep` entries of the webhookId index). */
  retentionCutoff: `SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? ORDER BY "seq" DESC LIMIT 1 OFFSET ?`,
  pruneDeliveries: `DELETE FROM "Delivery" WHERE "seq" IN (
                      SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? AND "seq" <= ? AND "state" != 'pending'
                      ORDER BY "seq" LIMIT ${BATCH})`,
  deleteDeliveriesOf: `DELETE FROM "Delivery" WHERE "seq" IN (
                         SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? ORDER BY "seq" LIMIT ${BATCH})`,
  registryEventsAfter: `SELECT "seq", "receivedAt" FROM "RegistryEvent" WHERE "seq" > ? ORDER BY "seq" LIMIT ${BATCH}`,
  pruneRegistryEvents: `DELETE FROM "RegistryEvent" WHERE "seq" BETWEEN ? AND ? AND "receivedAt" < ?
                          AND NOT EXISTS (SELECT 1 FROM "Delivery" WHERE "registryEventId" = "RegistryEvent"."seq")`,
  pruneTagDigests: `DELETE FROM "TagDigest" WHERE "rowid" IN (
                      SELECT "rowid" FROM "TagDigest" WHERE "updatedAt" < ? ORDER BY "updatedAt" LIMIT ${BATCH})`,
}, queueDb);

/**
 * Keeps each webhook's latest `keep` deliveries (attempts go with them); deliveries still
 * pending are kept. Costs one walk of `keep` index entries per webhook, not a scan of all.
 */
export const pruneOldDeliveries = async (keep: number) => {
  const sql = statements();
  let total = 0;
  for (const { id } of sql.webhookIds.all() as { id: string }[]) {
    const cutoff = sql.retentionCutoff.get(id, keep) as { seq: number } | undefined;
    if (cutoff) total += await deleteInBatches(() => sql.pruneDeliveries.run(id, cutoff.seq).changes);
    await yieldToEventLoop();
  }
  return total;
};

/** Deletes every delivery of a webhook (before the webhook row itself), however many there are. */
export const deleteDeliveriesOf = (webhookId: string) =>
  deleteInBatches(() => statements().deleteDeliveriesOf.run(webhookId).changes);

/**
 * Forgets registry notifications older than the de-duplication window that no delivery still
 * refers to. Walks the table in seq order (received order), so it stops at the first
 * notification inside the window instead of scanning the rest.
 */
export const pruneRegistryEvents = async (windowHours: number, now = Date.now()) => {
  const sql = statements();
  const before = sqlDateBefore(windowHours * HOUR_MS, now);
  let total = 0;
  for (let after = 0; ; ) {
    const rows = sql.registryEventsAfter.all(after) as { seq: number; receivedAt: string }[];
    const old = rows.filter((row) => row.receivedAt < before);
    if (old.length > 0) total += sql.pruneRegistryEvents.run(old[0].seq, old.at(-1)!.seq, before).changes;
    if (rows.length < BATCH || old.length < rows.length) return total;
    after = rows.at(-1)!.seq;
    await yieldToEventLoop();
  }
};

/** Forgets which tags pointed at a digest once they were last pushed more than `days` ago. */
export const pruneTagDigests = (days: number, now = Date.now()) => {
  const before = sqlDateBefore(days * DAY_MS, now);
  return deleteInBatches(() => statements().pruneTagDigests.run(before).changes);
};
