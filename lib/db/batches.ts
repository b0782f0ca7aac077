// Long database work in small steps. better-sqlite3 is synchronous: one DELETE of 100,000 rows
// held the event loop for seconds, and requests in flight then "timed out" although their
// receivers had answered (and were sent again). A batch touches at most BATCH rows through an
// index (a few milliseconds), and the loop yields between batches, so pages, ingest and sends
// go on in between.

export const BATCH = 500;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `deleteBatch` (which deletes at most BATCH rows) until it deletes fewer; returns the total. */
export const deleteInBatches = async (deleteBatch: () => number) => {
  let total = 0;
  for (;;) {
    const deleted = deleteBatch();
    total += deleted;
    if (deleted < BATCH) return total;
    await yieldToEventLoop();
  }
};
