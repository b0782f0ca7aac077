import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

/** Audit retention's tests, run on each database by retention.<kind>.test.ts: a real database with the real migrations, not a mock. */
export const describeAuditRetention = (kind: DatabaseKind) => {
  const database = temporaryDatabase("audit-retention", kind);

  type Db = typeof import("../db").db;
  let db: Db;
  let pruneOldAuditEntries: typeof import("./retention").pruneOldAuditEntries;
  let BATCH: number;

  beforeAll(async () => {
    db = await database.open();
    ({ pruneOldAuditEntries } = await import("./retention"));
    ({ BATCH } = await import("../db/batches"));
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const now = new Date("2026-11-30T12:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

  describe("pruneOldAuditEntries", () => {
    it("deletes entries older than the retention and keeps the rest, the boundary included", async () => {
      for (const [index, age] of [400, 366, 365, 30, 0].entries()) {
        await db.auditEntry.create({ data: { actorEmail: `user${index}@example.test`, action: "sign-in", createdAt: daysAgo(age) } });
      }

      expect(await pruneOldAuditEntries(365, now)).toBe(2);

      const left = await db.auditEntry.findMany({ orderBy: { createdAt: "asc" }, select: { actorEmail: true } });
      expect(left.map((entry) => entry.actorEmail)).toEqual(["user2@example.test", "user3@example.test", "user4@example.test"]);
      expect(await pruneOldAuditEntries(365, now)).toBe(0);
    });

    it("deletes a backlog larger than one batch", async () => {
      const old = Array.from({ length: 2 * BATCH + 3 }, (_, index) => ({ actorEmail: `old${index}@example.test`, action: "sign-in", createdAt: daysAgo(500) }));
      await db.auditEntry.createMany({ data: old });
      expect(await pruneOldAuditEntries(365, now)).toBe(old.length);
      expect(await db.auditEntry.count()).toBe(3);
    });
  });
};
