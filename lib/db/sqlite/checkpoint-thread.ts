// The entry of the WAL checkpoint thread (bundled by scripts/build-delivery-thread.mjs beside the
// delivery thread, started by lib/db/sqlite/wal-checkpointer.ts). It copies the WAL back into
// the database file every CHECKPOINT_EVERY_MS on a connection of its own, so that ingest's
// turns and the delivery threads' claims and records seldom do it themselves (only past
// WAL_CHECKPOINT_BOUND_PAGES, lib/db-raw.ts, which keeps the WAL bounded during a burst).
//
// Why: SQLite checkpoints from the connection whose COMMIT takes the WAL past 1000 pages, inside
// that COMMIT. On a hot connection that meant a transaction of 2 ms holding the process's write
// lock (lib/db/sqlite/write-lock.ts) for 15 to 35 ms while the pages were copied and the file
// synced, and everyone else's claim or ingest turn waited: measured with `npm run bench:delivery
// -- --rate 500`, the p99 of a delivery's wait from storing to sending fell from 31-80 ms to
// 15-18 ms with the checkpoints here. PASSIVE never takes a lock that writers or readers need,
// so it runs outside the write lock and beside everything else.
import Database from "better-sqlite3";
import { workerData } from "node:worker_threads";

export type CheckpointThreadData = { file: string; everyMs: number };

const { file, everyMs } = workerData as CheckpointThreadData;
const connection = new Database(file);
// PASSIVE does what it can and returns: it must never wait for a lock.
connection.pragma("busy_timeout = 0");

let failures = 0;
const checkpoint = () => {
  try {
    connection.pragma("wal_checkpoint(PASSIVE)");
    if (failures > 0) console.info(`[wal-checkpointer] checkpointing again after ${failures} failed attempt(s)`);
    failures = 0;
  } catch (error) {
    // Another connection is checkpointing (another instance's thread, housekeeping's TRUNCATE):
    // the WAL is being copied back already.
    if ((error as { code?: string }).code === "SQLITE_BUSY") return;
    // Once per outage; the next interval tries again, and the WAL waits for it (or for
    // housekeeping's TRUNCATE) meanwhile.
    if (failures === 0) console.error("[wal-checkpointer] checkpoint failed; trying again every interval", error);
    failures += 1;
  }
};

// Runs until the main thread ends it (Worker.terminate, at shutdown).
setInterval(checkpoint, everyMs);
