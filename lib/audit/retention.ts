import "server-only";
import { deleteInBatches } from "../db/batches";
import { isPostgres } from "../db/kind";
import { postgresAuditEntries } from "../db/postgres/audit-entries";
import type { AuditEntries } from "../db/store-contracts";
import { pgPool } from "../db/postgres-pool";
import { sqliteAuditEntries } from "../db/sqlite/audit-entries";
import { queueDb } from "../db-raw";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One dialect's audit SQL (lib/db/<kind>/audit-entries.ts). */
const auditEntries: AuditEntries = isPostgres ? postgresAuditEntries(pgPool) : sqliteAuditEntries(queueDb);

/** Deletes audit entries older than `days` days (in batches, lib/db/batches.ts); returns how many. */
export const pruneOldAuditEntries = (days: number, now = new Date()) => {
  const before = new Date(now.getTime() - days * DAY_MS);
  return deleteInBatches(() => auditEntries.deleteBatchOlderThan(before));
};
