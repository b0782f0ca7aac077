import "server-only";
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { BATCH, deleteInBatches } from "../db/batches";
import { preparedStatements, queueDb } from "../db-raw";

// Sliding-window rate limits (Ping and Redeliver, sign-in) counted in the database, so every
// instance on it counts the same requests. Each request let through is one RateLimitHit row
// that counts until it expires. Why a log of hits rather than a counter per fixed window: the
// window slides exactly (a fixed window lets 2 x limit through across its boundary, and the
// weighted two-window estimate cannot say when the next slot frees), and the limits are small
// (5 to 30 a minute), so a key never holds more than `limit` live rows and the check walks at
// most that many entries of the (key, expiresAt) index.
//
// The check and the insert run in one BEGIN IMMEDIATE transaction: it holds the write lock
// from the count to the insert, so two instances cannot both take the last slot. On the
// housekeeping connection (synchronous = NORMAL, lib/db-raw.ts): a power cut may forget the
// last hits, which only gives back a minute's allowance; an fsync per ping or sign-in would not.

export type RateLimit = { name: string; limit: number; windowMs: number };

export type RateLimitVerdict = { isAllowed: true } | { isAllowed: false; retryInSeconds: number };

type Take = readonly [rule: RateLimit, key: string];

const statements = (connection: () => Database.Database) =>
  preparedStatements({
    forgetExpired: `DELETE FROM "RateLimitHit" WHERE "key" = ? AND "expiresAt" <= ?`,
    /** The live hit whose expiry frees a slot; none while fewer than `limit` (the OFFSET + 1) count. */
    slotFreedAt: `SELECT "expiresAt" FROM "RateLimitHit" WHERE "key" = ? AND "expiresAt" > ?
                  ORDER BY "expiresAt" DESC LIMIT 1 OFFSET ?`,
    record: `INSERT INTO "RateLimitHit" ("key", "expiresAt") VALUES (?, ?)`,
    pruneExpired: `DELETE FROM "RateLimitHit" WHERE "id" IN (
                     SELECT "id" FROM "RateLimitHit" WHERE "expiresAt" <= ? ORDER BY "expiresAt" LIMIT ${BATCH})`,
  }, connection);

/**
 * Keys are chosen by callers, some by anyone (an email, a forwarded address): stored as a short
 * hash, so a row has a bounded size and the table holds no email or address in the clear.
 */
const storedKey = (rule: RateLimit, key: string) =>
  `${rule.name}:${createHash("sha256").update(key, "utf8").digest("base64url").slice(0, 22)}`;

export const createRateLimiter = (connection: () => Database.Database = queueDb) => {
  const sql = statements(connection);

  const takeOne = ([rule, key]: Take, now: number): RateLimitVerdict => {
    const stored = storedKey(rule, key);
    sql().forgetExpired.run(stored, now);
    const full = sql().slotFreedAt.get(stored, now, rule.limit - 1) as { expiresAt: number } | undefined;
    if (full) return { isAllowed: false, retryInSeconds: Math.ceil((full.expiresAt - now) / 1000) };
    sql().record.run(stored, now + rule.windowMs);
    return { isAllowed: true };
  };

  const takeAll = (takes: readonly Take[], now: number): RateLimitVerdict => {
    for (const take of takes) {
      const verdict = takeOne(take, now);
      if (!verdict.isAllowed) return verdict;
    }
    return { isAllowed: true };
  };
  let transaction: Database.Transaction<typeof takeAll> | null = null;

  /**
   * Takes a slot of each limit in order, in one write transaction, and stops at the first that
   * is full (the slots taken before it stay taken, as each one counts an attempt).
   */
  const takeInOrder = (takes: readonly Take[], now = Date.now()): RateLimitVerdict =>
    (transaction ??= connection().transaction(takeAll)).immediate(takes, now);

  return {
    takeInOrder,
    take: (rule: RateLimit, key: string, now = Date.now()) => takeInOrder([[rule, key]], now),
    /** Deletes expired hits (idle keys' hits are left to this), in batches; returns how many. */
    pruneExpired: (now = Date.now()) => deleteInBatches(() => sql().pruneExpired.run(now).changes),
  };
};

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** The portal's limiter, on its own database. */
export const rateLimiter = createRateLimiter();
