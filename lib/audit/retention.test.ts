import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite database with the real migrations, not a mock.
const database = temporaryDatabase("audit-retention");

type Db = typeof import("../db").db;
let db: Db;
let pruneOldAuditEntries: typeof import("./retention").pruneOldAuditEntries;

beforeAll(async () => {
  db = await database.open();
  ({ pruneOldAuditEntries } = await import("./retention"));
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
});
