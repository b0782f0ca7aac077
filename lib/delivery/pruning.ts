import "server-only";
import { BATCH, deleteInBatches, yieldToEventLoop } from "../db/batches";
import { deliveryStore } from "../db/delivery-store";

// Everything that deletes many deliveries, registry events or tags: in batches of at most
// BATCH rows that yield to the event loop in between (see lib/db/batches.ts); each batch's SQL
// is in the delivery store of the database in use (lib/db/<kind>/delivery-store.ts).

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Keeps each webhook's latest `keep` deliveries (attempts go with them); deliveries still
 * pending are kept. Costs one walk of `keep` index entries per webhook, not a scan of all.
 */
export const pruneOldDeliveries = async (keep: number) => {
  let total = 0;
  for (const id of await deliveryStore.webhookIds()) {
    const cutoff = await deliveryStore.retentionCutoff(id, keep);
    if (cutoff !== null) total += await deleteInBatches(() => deliveryStore.pruneDeliveriesUpTo(id, cutoff));
    await yieldToEventLoop();
  }
  return total;
};

/** Deletes every delivery of a webhook (before the webhook row itself), however many there are. */
export const deleteDeliveriesOf = (webhookId: string) => deleteInBatches(() => deliveryStore.deleteDeliveriesOfBatch(webhookId));

/**
 * Forgets registry notifications older than the de-duplication window that no delivery still
 * refers to. Walks the table in seq order (received order), so it stops at the first
 * notification inside the window instead of scanning the rest.
 */
export const pruneRegistryEvents = async (windowHours: number, now = Date.now()) => {
  const before = new Date(now - windowHours * HOUR_MS);
  let total = 0;
  for (let after = 0; ; ) {
    const rows = await deliveryStore.registryEventsAfter(after, before);
    const old = rows.filter((row) => row.isOld);
    if (old.length > 0) total += await deliveryStore.pruneRegistryEventsBetween(old[0].seq, old.at(-1)!.seq, before);
    if (rows.length < BATCH || old.length < rows.length) return total;
    after = rows.at(-1)!.seq;
    await yieldToEventLoop();
  }
};

/**
 * Drops the health rollup's hours older than 8 days: the chart shows 7 (168 hours), and a day
 * more leaves the 7 d range whole whatever the hour housekeeping runs at.
 */
export const HEALTH_HOURS_KEPT_DAYS = 8;
export const pruneHealthHours = (now = Date.now()) =>
  deleteInBatches(() => deliveryStore.pruneHealthHoursBatch(new Date(now - HEALTH_HOURS_KEPT_DAYS * DAY_MS)));

/** Forgets which tags pointed at a digest once they were last pushed more than `days` ago. */
export const pruneTagDigests = (days: number, now = Date.now()) =>
  deleteInBatches(() => deliveryStore.pruneTagDigestsBatch(new Date(now - days * DAY_MS)));
