import { open } from "node:fs/promises";

// Ingest's commits are made durable here, after the commit and outside the write lock, instead
// of by SQLite's synchronous = FULL. In WAL mode FULL means one fsync of the WAL at every
// COMMIT, inside the transaction: it held SQLite's write lock and the event loop for 8 to 10 ms
// per commit under load (measured with `npm run bench:delivery --rate 500`: 200 of every 300 ms
// ingest spent in its transactions was that fsync), so the delivery threads waited for it and
// pages waited behind it. The ingest connection commits with synchronous = NORMAL (its WAL
// frames are written, not yet synced) and then calls fdatasync on the WAL file through libuv's
// thread pool: the event loop and the lock are free meanwhile, and the registry gets its 2xx
// only once that returns, so an accepted event still survives a power cut. It is the same
// sync FULL does, later: a frame once synced stays valid until a checkpoint has copied it into
// the database file and synced that file (SQLite resets the WAL only after that).

/**
 * One fdatasync of the file at `path` (opened each time: SQLite may truncate or recreate it;
 * for writing, as Windows needs for a flush, though Linux and macOS sync a read-only one too).
 */
export const fileDataSync = (path: string) => async () => {
  const file = await open(path, "r+");
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
};

/**
 * Group sync: `sync` runs at most once at a time, and a caller is answered by the first sync
 * that started after it called (one that was already running may have missed its commit).
 * Every caller that arrives while a sync runs shares the next one, so a burst of commits costs
 * a few syncs, not one each. A failed sync fails the callers waiting for it; the next caller
 * starts afresh.
 */
export const groupedSync = (sync: () => Promise<void>) => {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const request = (): Promise<void> => {
    if (!running) {
      running = sync().finally(() => {
        running = null;
      });
      return running;
    }
    return (next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return request();
      }));
  };
  return request;
};
