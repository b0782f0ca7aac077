import "server-only";
import { pruneOldAuditEntries } from "../audit/retention";
import { yieldToEventLoop } from "../db/batches";
import { releaseLease, takeLease } from "../db/lease";
import { BUSY_TIMEOUT_MS, queueDb } from "../db-raw";
import { env } from "../env";
import { INSTANCE_ID } from "../lifecycle/instance-id";
import { onShutdown } from "../lifecycle/shutdown";
import { rateLimiter } from "../security/rate-limit";
import { pruneOldDeliveries, pruneRegistryEvents, pruneTagDigests } from "./pruning";

// Keeps the database from growing without bound, every HOUSEKEEPING_EVERY_MS, off the ingest
// and sending paths, by one instance at a time (a lease in the database): retention of events,
// registry notifications, tag memory, audit entries and expired rate-limit hits (in small
// batches), then the file itself: the WAL is checkpointed and truncated and freed pages are
// handed back to the file system, a few at a time.

const HOUSEKEEPING_EVERY_MS = 30_000;
/** Pages handed back per step (4 KiB each), and steps per round: at most 64 MiB a round. */
const VACUUM_STEP_PAGES = 256;
const VACUUM_MAX_STEPS = 64;

export type HousekeepingReport = {
  deliveries: number;
  registryEvents: number;
  tagDigests: number;
  auditEntries: number;
  rateLimitHits: number;
  walCheckpointed: boolean;
  pagesFreed: number;
};

/**
 * Copies the WAL into the database and truncates it to zero bytes. Never waits: while another
 * connection is mid-read it does what it can and the next round finishes the job (the file
 * is also capped by journal_size_limit, lib/db-raw.ts).
 */
const checkpointWal = () => {
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
const returnFreePages = async () => {
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

/** One round at a time across every instance on the database; renewed between steps. */
const LEASE = "housekeeping";
const LEASE_MS = 5 * 60_000;

/**
 * One housekeeping round, unless another instance is running one (then null). Each step is
 * preceded by renewing the lease, so a round longer than LEASE_MS keeps it, and a holder that
 * died leaves it to expire.
 */
export const runHousekeeping = async (owner = INSTANCE_ID): Promise<HousekeepingReport | null> => {
  const stillMine = () => takeLease(LEASE, owner, LEASE_MS);
  if (!stillMine()) return null;
  try {
    const deliveries = await pruneOldDeliveries(env.WEBHOOK_EVENT_RETENTION);
    if (!stillMine()) return null;
    const registryEvents = await pruneRegistryEvents(env.NOTIFICATION_DEDUPE_HOURS);
    if (!stillMine()) return null;
    const tagDigests = await pruneTagDigests(env.TAG_DIGEST_RETENTION_DAYS);
    const auditEntries = await pruneOldAuditEntries(env.AUDIT_RETENTION_DAYS);
    const rateLimitHits = await rateLimiter.pruneExpired();
    if (!stillMine()) return null;
    const walCheckpointed = checkpointWal();
    const pagesFreed = await returnFreePages();
    return { deliveries, registryEvents, tagDigests, auditEntries, rateLimitHits, walCheckpointed, pagesFreed };
  } finally {
    releaseLease(LEASE, owner);
  }
};

const globalForHousekeeping = globalThis as unknown as { housekeeping?: NodeJS.Timeout };

/** Runs housekeeping in this process every HOUSEKEEPING_EVERY_MS (called from instrumentation.ts). */
export const startHousekeeping = () => {
  if (globalForHousekeeping.housekeeping) return;
  // A restart must not leave the others waiting out the lease.
  onShutdown(async () => releaseLease(LEASE, INSTANCE_ID));
  let isRunning = false;
  globalForHousekeeping.housekeeping = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    runHousekeeping()
      .catch((error) => console.error("[housekeeping] round failed; the next one tries again", error))
      .finally(() => (isRunning = false));
  }, HOUSEKEEPING_EVERY_MS).unref();
};
