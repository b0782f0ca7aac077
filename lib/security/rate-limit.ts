import "server-only";
import { createHash } from "node:crypto";
import { deleteInBatches } from "../db/batches";
import { isPostgres } from "../db/kind";
import { postgresRateLimitHits } from "../db/postgres/rate-limits";
import type { RateLimitHits } from "../db/store-contracts";
import { pgPool } from "../db/postgres-pool";
import { sqliteRateLimitHits } from "../db/sqlite/rate-limits";
import { queueDb } from "../db-raw";

// Sliding-window rate limits (Ping and Redeliver, sign-in) counted in the database, so every
// instance on it counts the same requests. Each request let through is one RateLimitHit row
// that counts until it expires. Why a log of hits rather than a counter per fixed window: the
// window slides exactly (a fixed window lets 2 x limit through across its boundary, and the
// weighted two-window estimate cannot say when the next slot frees), and the limits are small
// (5 to 30 a minute), so a key never holds more than `limit` live rows and the check walks at
// most that many entries of the (key, expiresAt) index.
//
// The check and the insert run in one transaction that no other instance's take of the same
// key can interleave with, so two instances cannot both take the last slot: on SQLite BEGIN
// IMMEDIATE, on PostgreSQL an advisory lock per key (lib/db/<kind>/rate-limits.ts). On SQLite
// it runs on the housekeeping connection (synchronous = NORMAL, lib/db-raw.ts): a power cut may
// forget the last hits, which only gives back a minute's allowance; an fsync per ping or
// sign-in would not.

export type RateLimit = { name: string; limit: number; windowMs: number };

export type RateLimitVerdict = { isAllowed: true } | { isAllowed: false; retryInSeconds: number };

type Take = readonly [rule: RateLimit, key: string];

/** One slot asked of the database: `key` is the stored key; a hit recorded now counts until `expiresAt` (ms). */

/**
 * Keys are chosen by callers, some by anyone (an email, a forwarded address): stored as a short
 * hash, so a row has a bounded size and the table holds no email or address in the clear.
 */
const storedKey = (rule: RateLimit, key: string) =>
  `${rule.name}:${createHash("sha256").update(key, "utf8").digest("base64url").slice(0, 22)}`;

/** The portal's own hits: its database, on the connection (SQLite) or pool (PostgreSQL) it already has. */
const portalHits = (): RateLimitHits => (isPostgres ? postgresRateLimitHits(pgPool) : sqliteRateLimitHits(queueDb));

export const createRateLimiter = (hits: RateLimitHits = portalHits()) => {
  /**
   * Takes a slot of each limit in order, in one transaction, and stops at the first that is
   * full (the slots taken before it stay taken, as each one counts an attempt).
   */
  const takeInOrder = async (takes: readonly Take[], now = Date.now()): Promise<RateLimitVerdict> => {
    const requests = takes.map(([rule, key]) => ({ key: storedKey(rule, key), limit: rule.limit, expiresAt: now + rule.windowMs }));
    const slotFreedAt = await hits.takeInOrder(requests, now);
    return slotFreedAt === null ? { isAllowed: true } : { isAllowed: false, retryInSeconds: Math.ceil((slotFreedAt - now) / 1000) };
  };

  return {
    takeInOrder,
    take: (rule: RateLimit, key: string, now = Date.now()) => takeInOrder([[rule, key]], now),
    /** Deletes expired hits (idle keys' hits are left to this), in batches; returns how many. */
    pruneExpired: (now = Date.now()) => deleteInBatches(() => hits.pruneExpiredBatch(now)),
  };
};

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** The portal's limiter, on its own database. */
export const rateLimiter = createRateLimiter();
