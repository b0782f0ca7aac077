import "server-only";
import type Database from "better-sqlite3";
import type { AuditEntries } from "../store-contracts";
import { preparedStatements, sqlDate } from "../../db-raw";
import { BATCH } from "../batches";

// SQLite's side of lib/audit/retention.ts.

export const sqliteAuditEntries = (connection: () => Database.Database): AuditEntries => {
  const statements = preparedStatements({
    prune: `DELETE FROM "AuditEntry" WHERE "id" IN (
              SELECT "id" FROM "AuditEntry" WHERE "createdAt" < ? ORDER BY "createdAt" LIMIT ${BATCH})`,
  }, connection);
  return { deleteBatchOlderThan: async (before) => statements().prune.run(sqlDate(before)).changes };
};
