import "server-only";
import { db } from "../db";

export const AUDIT_PAGE_SIZE = 100;

export type AuditRow = {
  id: number;
  createdAt: string;
  actorEmail: string;
  action: string;
  target: string;
  detail: string;
  ipAddress: string;
};

/** Newest first; one page and whether an older page exists. */
export const listAuditEntries = async (page: number): Promise<{ rows: AuditRow[]; hasOlder: boolean }> => {
  const entries = await db.auditEntry.findMany({
    orderBy: { id: "desc" },
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1,
  });
  return {
    rows: entries.slice(0, AUDIT_PAGE_SIZE).map(({ actorId: _actorId, createdAt, ...entry }) => ({ ...entry, createdAt: createdAt.toISOString() })),
    hasOlder: entries.length > AUDIT_PAGE_SIZE,
  };
};
