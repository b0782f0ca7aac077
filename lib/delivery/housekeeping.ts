import "server-only";
import { pruneOldAuditEntries } from "../audit/retention";
import { pruneExpiredSessions } from "../auth/session-retention";
import { isPostgres } from "../db/kind";
import { releaseLease, takeLease } from "../db/lease";
import { checkpointWal, returnFreePages } from "../db/sqlite/file-upkeep";
import { env } from "../env";
import { INSTANCE_ID } from "../lifecycle/instance-id";
import { onShutdown } from "../lifecycle/shutdown";
import { rateLimiter } from "../security/rate-limit";
import { pruneExpiredReceivers } from "../test-receivers/store";
import { pruneHealthHours, pruneOldDeliveries, pruneRegistryEvents, pruneTagDigests } from "./pruning";

// Keeps the database from growing without bound, every HOUSEKEEPING_EVERY_MS, off the ingest
// and sending paths, by one instance at a time (a lease in the database): retention of events,
// registry notifications, tag memory, delivery-health hours, audit entries, expired test receivers, expired sessions and expired rate-limit hits (in small
// batches), then, on SQLite, the file itself: the WAL is checkpointed and truncated and freed
// pages are handed back to the file system, a few at a time. PostgreSQL's autovacuum and WAL
// recycling do that part there, so those steps report "not applicable".

const HOUSEKEEPING_EVERY_MS = 30_000;

export const NOT_APPLICABLE = "not applicable";

export type HousekeepingReport = {
  deliveries: number;
  registryEvents: number;
  tagDigests: number;
  /** Hours of the delivery-health rollup older than 8 days. */
  healthHours: number;
  auditEntries: number;
  rateLimitHits: number;
  /** Test receivers past their 7 days, with their requests. */
  testReceivers: number;
  /** Expired sign-in sessions and verification values (better-auth deletes one only when its cookie comes back). */
  sessions: number;
  walCheckpointed: boolean | typeof NOT_APPLICABLE;
  pagesFreed: number | typeof NOT_APPLICABLE;
};

const fileUpkeep = async (): Promise<Pick<HousekeepingReport, "walCheckpointed" | "pagesFreed">> =>
  isPostgres
    ? { walCheckpointed: NOT_APPLICABLE, pagesFreed: NOT_APPLICABLE }
    : { walCheckpointed: checkpointWal(), pagesFreed: await returnFreePages() };

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
  if (!(await stillMine())) return null;
  try {
    const deliveries = await pruneOldDeliveries(env.WEBHOOK_EVENT_RETENTION);
    if (!(await stillMine())) return null;
    const registryEvents = await pruneRegistryEvents(env.NOTIFICATION_DEDUPE_HOURS);
    if (!(await stillMine())) return null;
    const tagDigests = await pruneTagDigests(env.TAG_DIGEST_RETENTION_DAYS);
    const healthHours = await pruneHealthHours();
    const auditEntries = await pruneOldAuditEntries(env.AUDIT_RETENTION_DAYS);
    const rateLimitHits = await rateLimiter.pruneExpired();
    const testReceivers = await pruneExpiredReceivers();
    const sessions = await pruneExpiredSessions();
    if (!(await stillMine())) return null;
    return { deliveries, registryEvents, tagDigests, healthHours, auditEntries, rateLimitHits, testReceivers, sessions, ...(await fileUpkeep()) };
  } finally {
    await releaseLease(LEASE, owner);
  }
};

const globalForHousekeeping = globalThis as unknown as { housekeeping?: NodeJS.Timeout };

/** Runs housekeeping in this process every HOUSEKEEPING_EVERY_MS (called from instrumentation.ts). */
export const startHousekeeping = () => {
  if (globalForHousekeeping.housekeeping) return;
  // A restart must not leave the others waiting out the lease.
  onShutdown(() => releaseLease(LEASE, INSTANCE_ID));
  let isRunning = false;
  globalForHousekeeping.housekeeping = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    runHousekeeping()
      .catch((error) => console.error("[housekeeping] round failed; the next one tries again", error))
      .finally(() => (isRunning = false));
  }, HOUSEKEEPING_EVERY_MS).unref();
};
