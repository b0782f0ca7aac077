import "server-only";
import type pg from "pg";
import type { AuditEntries } from "../store-contracts";
import { BATCH } from "../batches";

// PostgreSQL's side of lib/audit/retention.ts. "createdAt" is a timestamp(3) without time zone
// holding UTC: the cutoff goes as an ISO string (a Date would be sent in the server's local time).

const PRUNE = `DELETE FROM "AuditEntry" WHERE "id" IN (
                 SELECT "id" FROM "AuditEntry" WHERE "createdAt" < $1 ORDER BY "createdAt" LIMIT ${BATCH})`;

export const postgresAuditEntries = (pool: () => pg.Pool): AuditEntries => ({
  deleteBatchOlderThan: async (before) => (await pool().query(PRUNE, [before.toISOString()])).rowCount ?? 0,
});
