import "server-only";
import { db } from "../db";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes audit entries older than `days` days (through the createdAt index); returns how many. */
export const pruneOldAuditEntries = async (days: number, now = new Date()) => {
  const { count } = await db.auditEntry.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - days * DAY_MS) } } });
  return count;
};
