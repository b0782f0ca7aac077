import type { QueueDepth } from "./delivery-store-types";

/**
 * Both dialects read the oldest pending delivery's due time (the index's first entry); it is
 * "due" only once that time has come, otherwise everything pending waits for a retry.
 */
export const toQueueDepth = (row: { due: number; waitingForRetry: number; oldestPendingAt: number | null }, now: number): QueueDepth => ({
  due: Number(row.due),
  waitingForRetry: Number(row.waitingForRetry),
  oldestDueAt: row.oldestPendingAt !== null && row.oldestPendingAt <= now ? Number(row.oldestPendingAt) : null,
});
