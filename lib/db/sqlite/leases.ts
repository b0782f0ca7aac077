import "server-only";
import type Database from "better-sqlite3";
import type { Leases } from "../lease";
import { preparedStatements } from "../../db-raw";

// SQLite's side of lib/db/lease.ts.

export const sqliteLeases = (connection: () => Database.Database): Leases => {
  const statements = preparedStatements(
    {
      take: `INSERT INTO "Lease" ("name", "owner", "until") VALUES (?, ?, ?)
             ON CONFLICT ("name") DO UPDATE SET "owner" = excluded."owner", "until" = excluded."until"
             WHERE "Lease"."until" <= ? OR "Lease"."owner" = excluded."owner"
             RETURNING "owner"`,
      release: `UPDATE "Lease" SET "until" = 0 WHERE "name" = ? AND "owner" = ?`,
    },
    connection,
  );
  return {
    take: async (name, owner, until, now) => statements().take.get(name, owner, until, now) !== undefined,
    release: async (name, owner) => void statements().release.run(name, owner),
  };
};
