import "server-only";
import { BUSY_TIMEOUT_MS, queueDb } from "../../db-raw";
import { yieldToEventLoop } from "../batches";

// What a SQLite file needs after pruning and PostgreSQL does by itself (autovacuum, its own
// WAL recycling): the WAL copied back and truncated, freed pages handed back to the file system.

/** Pages handed back per step (4 KiB each), and steps per round: at most 64 MiB a round. */
const VACUUM_STEP_PAGES = 256;
const VACUUM_MAX_STEPS = 64;

/**
 * Copies the WAL into the database and truncates it to zero bytes. Never waits: while another
 * connection is mid-read it does what it can and the next round finishes the job (the file
 * is also capped by journal_size_limit, lib/db-raw.ts).
 */
export const checkpointWal = () => {
  const connection = queueDb();
  connection.pragma("busy_timeout = 0");
  try {
    const [result] = connection.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result.busy === 0;
  } finally {
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
};

/** Returns free pages to the file system (needs auto_vacuum = INCREMENTAL, see lib/db/migrate-sqlite.mjs). */
export const returnFreePages = async () => {
  const connection = queueDb();
  if (connection.pragma("auto_vacuum", { simple: true }) !== 2) return 0;
  let freed = 0;
  for (let step = 0; step < VACUUM_MAX_STEPS; step += 1) {
    const free = connection.pragma("freelist_count", { simple: true }) as number;
    if (free === 0) break;
    connection.pragma(`incremental_vacuum(${VACUUM_STEP_PAGES})`);
    freed += Math.min(free, VACUUM_STEP_PAGES);
    await yieldToEventLoop();
  }
  return freed;
};
