import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { RateLimitHits, SlotRequest } from "../store-contracts";
import { BATCH } from "../batches";
import { RATE_LIMIT_LOCKS } from "./advisory-locks";
import { inTransaction } from "./transaction";

// PostgreSQL's side of lib/security/rate-limit.ts. Under READ COMMITTED two instances could
// both count 4 hits and both insert the 5th; so the transaction first takes an advisory lock
// per key, held until it commits: takers of the same key count one after the other, takers of
// other keys do not wait. Locks are taken in ascending order, so two takers of overlapping
// keys (sign-in takes three) cannot each hold one the other waits for.

const FORGET_EXPIRED = `DELETE FROM "RateLimitHit" WHERE "key" = $1 AND "expiresAt" <= $2`;
/** The live hit whose expiry frees a slot; none while fewer than `limit` (the OFFSET + 1) count. */
const SLOT_FREED_AT = `SELECT "expiresAt" FROM "RateLimitHit" WHERE "key" = $1 AND "expiresAt" > $2
                       ORDER BY "expiresAt" DESC LIMIT 1 OFFSET $3`;
const RECORD = `INSERT INTO "RateLimitHit" ("key", "expiresAt") VALUES ($1, $2)`;
const PRUNE_EXPIRED = `DELETE FROM "RateLimitHit" WHERE "id" IN (
                         SELECT "id" FROM "RateLimitHit" WHERE "expiresAt" <= $1 ORDER BY "expiresAt" LIMIT ${BATCH})`;

/** A 32-bit lock key per stored key (a collision only makes two keys wait for each other). */
const lockKeyOf = (key: string) => createHash("sha256").update(key, "utf8").digest().readInt32BE(0);

const lockKeysOf = (requests: readonly SlotRequest[]) =>
  [...new Set(requests.map(({ key }) => lockKeyOf(key)))].sort((a, b) => a - b);

export const postgresRateLimitHits = (pool: () => pg.Pool): RateLimitHits => ({
  takeInOrder: (requests, now) =>
    inTransaction(pool(), async (client) => {
      for (const lockKey of lockKeysOf(requests)) await client.query("SELECT pg_advisory_xact_lock($1, $2)", [RATE_LIMIT_LOCKS, lockKey]);
      for (const { key, limit, expiresAt } of requests) {
        await client.query(FORGET_EXPIRED, [key, now]);
        // BIGINT comes back from pg as a string.
        const { rows: [full] } = await client.query<{ expiresAt: string }>(SLOT_FREED_AT, [key, now, limit - 1]);
        if (full) return Number(full.expiresAt);
        await client.query(RECORD, [key, expiresAt]);
      }
      return null;
    }),
  pruneExpiredBatch: async (now) => (await pool().query(PRUNE_EXPIRED, [now])).rowCount ?? 0,
});
