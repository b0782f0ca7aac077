import "server-only";
import type Database from "better-sqlite3";
import type { RateLimitHits, SlotRequest } from "../store-contracts";
import { BATCH } from "../batches";
import { preparedStatements } from "../../db-raw";

// SQLite's side of lib/security/rate-limit.ts. One BEGIN IMMEDIATE transaction takes the
// database's write lock before the first count and keeps it to the last insert, so no other
// connection (another instance) takes a slot in between; better-sqlite3 runs it synchronously.

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

export const sqliteRateLimitHits = (connection: () => Database.Database): RateLimitHits => {
  const sql = statements(connection);

  const takeAll = (requests: readonly SlotRequest[], now: number): number | null => {
    for (const { key, limit, expiresAt } of requests) {
      sql().forgetExpired.run(key, now);
      const full = sql().slotFreedAt.get(key, now, limit - 1) as { expiresAt: number } | undefined;
      if (full) return full.expiresAt;
      sql().record.run(key, expiresAt);
    }
    return null;
  };
  let transaction: Database.Transaction<typeof takeAll> | null = null;

  return {
    takeInOrder: async (requests, now) => (transaction ??= connection().transaction(takeAll)).immediate(requests, now),
    pruneExpiredBatch: async (now) => sql().pruneExpired.run(now).changes,
  };
};
