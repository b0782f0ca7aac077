// Long database work in small steps. better-sqlite3 is synchronous: one DELETE of 100,000 rows
// held the event loop for seconds, and requests in flight then "timed out" although their
// receivers had answered (and were sent again). A batch touches at most BATCH rows through an
// index (a few milliseconds), and the loop yields between batches, so pages, ingest and sends
// go on in between. On PostgreSQL a batch does not hold the event loop, but the same pauses
// keep a long prune from crowding out the queries of pages and ingest on the shared pool.

export const BATCH = 500;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Leaves the event loop to others for as long as the last batch held it (at most 100 ms). */
const pauseAsLongAs = (tookMs: number) =>
  tookMs < 1 ? yieldToEventLoop() : new Promise<void>((resolve) => setTimeout(resolve, Math.min(tookMs, 100)));

/**
 * Runs `deleteBatch` (which deletes at most BATCH rows) until it deletes fewer; returns the
 * total. Between batches it pauses as long as the batch took, so this work takes at most half
 * of the event loop: pages and ingest are answered while a 100,000-row delete goes on.
 */
export const deleteInBatches = async (deleteBatch: () => number | Promise<number>) => {
  let total = 0;
  for (;;) {
    const started = performance.now();
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < BATCH) return total;
    await pauseAsLongAs(performance.now() - started);
  }
};
