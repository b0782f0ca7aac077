import "server-only";
import type pg from "pg";
import type { Leases } from "../lease";

// PostgreSQL's side of lib/db/lease.ts. INSERT ... ON CONFLICT DO UPDATE is atomic here too:
// a second taker of the same name waits for the first one's row lock, then checks the WHERE
// against the row as the first one left it. "until" is a double precision (ms since the epoch).

const TAKE = `INSERT INTO "Lease" ("name", "owner", "until") VALUES ($1, $2, $3)
              ON CONFLICT ("name") DO UPDATE SET "owner" = excluded."owner", "until" = excluded."until"
              WHERE "Lease"."until" <= $4 OR "Lease"."owner" = excluded."owner"
              RETURNING "owner"`;
const RELEASE = `UPDATE "Lease" SET "until" = 0 WHERE "name" = $1 AND "owner" = $2`;

export const postgresLeases = (pool: () => pg.Pool): Leases => ({
  take: async (name, owner, until, now) => ((await pool().query(TAKE, [name, owner, until, now])).rowCount ?? 0) === 1,
  release: async (name, owner) => void (await pool().query(RELEASE, [name, owner])),
});
