import "server-only";
import Database from "better-sqlite3";
import { env } from "./env";

// The delivery hot path (ingest and the worker) talks to SQLite through better-sqlite3's
// prepared statements instead of Prisma. Measured with `npm run bench:delivery`, Prisma's
// per-query compilation held the portal near 400 deliveries/s on 2 cores; the same work
// through prepared statements costs microseconds. Everything else uses Prisma (lib/db.ts).

/** How long a writer waits for another (another instance's transaction) before failing. */
export const BUSY_TIMEOUT_MS = 10_000;

/** Bytes the WAL file keeps after a checkpoint (lib/delivery/housekeeping.ts truncates it to 0 when idle). */
export const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;

const globalForRaw = globalThis as unknown as { rawDb?: Database.Database; queueDb?: Database.Database; ingestDb?: Database.Database };

/** The SQLite file DATABASE_URL names. */
export const sqliteFile = () => env.DATABASE_URL.slice("file:".length);

/**
 * Whether ingest's and the queue's connections leave checkpoints to the WAL checkpoint thread
 * (lib/db/sqlite/checkpoint-thread.ts): set once that thread runs, in the main thread and in
 * each delivery thread. Until then they checkpoint as SQLite does by default (every 1000 pages).
 */
let checkpointsElsewhere = false;

/**
 * WAL pages past which a hot connection still checkpoints inside its own commit, with the thread
 * running: as many as journal_size_limit keeps (16 MiB). The thread's PASSIVE checkpoints copy
 * the pages but cannot start the WAL over while writers keep appending (during a burst the WAL
 * grew past 200 MB); a commit's checkpoint runs under the write lock, so it completes and the
 * next transaction starts the WAL over. The thread has copied most pages by then, so it is short.
 */
export const WAL_CHECKPOINT_BOUND_PAGES = JOURNAL_SIZE_LIMIT / 4096;

/** Whether this thread's hot connections leave checkpoints to the checkpoint thread (given to the ingest thread). */
export const areCheckpointsOffConnections = () => checkpointsElsewhere;

/** The checkpoint thread runs: the hot connections checkpoint inside their commits only past the bound. */
export const moveCheckpointsOffConnections = () => {
  checkpointsElsewhere = true;
  // Those already open; hot() sets the ones opened from now on.
  for (const connection of [globalForRaw.ingestDb, globalForRaw.queueDb]) if (connection) hot(connection);
};

const open = (synchronous: "FULL" | "NORMAL") => {
  const connection = new Database(sqliteFile());
  connection.pragma("journal_mode = WAL");
  connection.pragma(`synchronous = ${synchronous}`);
  connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  connection.pragma("foreign_keys = ON");
  // After a checkpoint resets the WAL, cut the file back to this size instead of keeping its
  // high-water mark (it stayed at 130 MB after a burst).
  connection.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  return connection;
};

// Three connections, opened on first use (never at import: `next build` imports route modules).
// better-sqlite3 is synchronous, so an fsync at COMMIT (30-40 ms on these disks) holds the
// event loop. What must survive a power cut, syncs every commit; what can be done again does
// not (WAL with synchronous = NORMAL syncs at checkpoints only, and still survives a crash of
// the process).

/** Ingest's and the queue's connections: checkpoints inside their commits only past the bound once the thread does them. */
const hot = (connection: Database.Database) => {
  if (checkpointsElsewhere) connection.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_BOUND_PAGES}`);
  return connection;
};

/** Writes that must survive a power cut as they commit (re-encrypted secrets), and reads. */
export const rawDb = (): Database.Database => (globalForRaw.rawDb ??= open("FULL"));

/**
 * Ingest's connection: it commits without a sync, and the store syncs the WAL after the
 * commit, off the event loop and outside the write lock, before the registry gets its 2xx
 * (lib/db/sqlite/wal-sync.ts): an accepted notification is still on disk first.
 */
export const ingestDb = (): Database.Database => (globalForRaw.ingestDb ??= hot(open("NORMAL")));

/**
 * The worker's, housekeeping's and the rate limits' connection. A power cut may lose their last
 * commits: a claim or an attempt's record (so that attempt is sent again: at-least-once, as
 * after SIGKILL), a prune (done again next round) or the last rate-limit hits (a minute's
 * allowance given back). Never an accepted event.
 */
export const queueDb = (): Database.Database => (globalForRaw.queueDb ??= hot(open("NORMAL")));

/** DateTime as Prisma stores it in SQLite, so rows written here read back through Prisma. */
export const sqlDate = (date = new Date()) => date.toISOString().replace("Z", "+00:00");

/** Prepares each statement once, on `connection` (ingest's by default). */
export const preparedStatements = <T extends Record<string, string>>(sql: T, connection: () => Database.Database = rawDb) => {
  let cache: { [K in keyof T]: Database.Statement } | null = null;
  return () =>
    (cache ??= Object.fromEntries(
      Object.entries(sql).map(([name, text]) => [name, connection().prepare(text)]),
    ) as { [K in keyof T]: Database.Statement });
};
