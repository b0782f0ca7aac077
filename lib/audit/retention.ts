import "server-only";
import { BATCH, deleteInBatches } from "../db/batches";
import { preparedStatements, queueDb, sqlDateBefore } from "../db-raw";

const DAY_MS = 24 * 60 * 60 * 1000;

const statements = preparedStatements({
  prune: `DELETE FROM "AuditEntry" WHERE "id" IN (
            SELECT "id" FROM "AuditEntry" WHERE "createdAt" < ? ORDER BY "createdAt" LIMIT ${BATCH})`,
}, queueDb);

/** Deletes audit entries older than `days` days (through the createdAt index, in batches); returns how many. */
export const pruneOldAuditEntries = (days: number, now = new Date()) => {
  const before = sqlDateBefore(days * DAY_MS, now.getTime());
  return deleteInBatches(() => statements().prune.run(before).changes);
};
