import "server-only";
import { deliveryStore, type RecoverSelection } from "../db/delivery-store";
import { yieldToEventLoop } from "../db/batches";

// "Redeliver failed events…" after an outage: every failed event of a webhook since a start
// time is put back in the queue as due now, and the ordinary worker sends it as one more
// attempt (then the retry policy for whatever retries the schedule has left), at the queue's
// own pace and per-webhook cap, never all at once. Events recorded for another service URI are
// left out, as Redeliver refuses them (lib/delivery/redeliver.ts); pings and samples are tests, not events.

const selectionOf = (webhook: { id: string; serviceUriHash: string }, since: Date, until: Date): RecoverSelection => ({
  webhookId: webhook.id,
  since,
  until,
  serviceUriHash: webhook.serviceUriHash,
});

/** How many events a recovery from `since` would send now (the dialog's "N events will be sent"). */
export const countRecoverable = (webhook: { id: string; serviceUriHash: string }, since: Date) =>
  deliveryStore.countRecoverable(selectionOf(webhook, since, new Date()));

/**
 * Queues them, a batch (BATCH rows, a few ms) per transaction with the event loop free in
 * between, in seq order: each event at most once, even if a second recovery runs meanwhile
 * (only a failed one is queued, and queuing makes it pending). Returns how many it queued.
 */
export const requeueFailedSince = async (webhook: { id: string; serviceUriHash: string }, since: Date) => {
  const now = new Date();
  const selection = selectionOf(webhook, since, now);
  let queued = 0;
  for (let afterSeq = 0; ; ) {
    const batch = await deliveryStore.requeueFailed(selection, afterSeq, now);
    if (batch.count === 0) return queued;
    queued += batch.count;
    afterSeq = batch.lastSeq;
    await yieldToEventLoop();
  }
};
