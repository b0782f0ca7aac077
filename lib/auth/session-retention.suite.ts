import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

/** Session retention's tests, run on each database by session-retention.<kind>.test.ts (real database, real migrations). */
export const describeSessionRetention = (kind: DatabaseKind) => {
  const database = temporaryDatabase("session-retention", kind);

  type Db = typeof import("../db").db;
  let db: Db;
  let pruneExpiredSessions: typeof import("./session-retention").pruneExpiredSessions;
  let BATCH: number;

  beforeAll(async () => {
    db = await database.open();
    ({ pruneExpiredSessions } = await import("./session-retention"));
    ({ BATCH } = await import("../db/batches"));
    await db.user.create({ data: { id: "u1", name: "One", email: "one@example.test" } });
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const now = new Date("2026-11-30T12:00:00Z");
  const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 60 * 60 * 1000);
  const session = (id: string, expiresAt: Date) => ({ id, token: `token-${id}`, userId: "u1", expiresAt, createdAt: hoursFromNow(-200), updatedAt: hoursFromNow(-200) });

  describe("pruneExpiredSessions", () => {
    it("deletes sessions and verification values that expired, never one still valid", async () => {
      await db.session.createMany({ data: [session("old", hoursFromNow(-24)), session("edge", now), session("live", hoursFromNow(1))] });
      await db.verification.createMany({
        data: [
          { id: "v-old", identifier: "reset", value: "x", expiresAt: hoursFromNow(-1) },
          { id: "v-live", identifier: "reset", value: "y", expiresAt: hoursFromNow(1) },
        ],
      });

      expect(await pruneExpiredSessions(now)).toBe(3);

      expect((await db.session.findMany({ select: { id: true } })).map((row) => row.id)).toEqual(["live"]);
      expect((await db.verification.findMany({ select: { id: true } })).map((row) => row.id)).toEqual(["v-live"]);
      expect(await pruneExpiredSessions(now)).toBe(0);
    });

    it("deletes a backlog larger than one batch (one row per sign-in nobody came back to)", async () => {
      const backlog = Array.from({ length: 2 * BATCH + 3 }, (_, index) => session(`stale${index}`, hoursFromNow(-1 - index)));
      await db.session.createMany({ data: backlog });
      expect(await pruneExpiredSessions(now)).toBe(backlog.length);
      expect(await db.session.count()).toBe(1);
    });
  });

  describe("the expired rows' lookup", () => {
    /** The plan of the lookup pruneExpiredSessions makes, as text (SQLite's has BigInt ids). */
    const text = (plan: unknown) => JSON.stringify(plan, (_, value) => (typeof value === "bigint" ? Number(value) : value));
    const planOf = async (table: "Session" | "Verification") => {
      const lookup = `SELECT "id" FROM "${table}" WHERE "expiresAt" <= ${kind === "postgresql" ? "$1" : "?"} LIMIT ${BATCH}`;
      if (kind === "sqlite") return text(await db.$queryRawUnsafe(`EXPLAIN QUERY PLAN ${lookup}`, now.toISOString()));
      // On a table this small PostgreSQL would read it whole anyway; without the index it must.
      return db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return text(await tx.$queryRawUnsafe(`EXPLAIN ${lookup}`, now));
      });
    };

    it("goes through an index on expiresAt, so a round does not read every session ever made", async () => {
      for (const table of ["Session", "Verification"] as const) expect(await planOf(table)).toContain(`${table}_expiresAt_idx`);
    });
  });

  describe("housekeeping", () => {
    it("a round deletes expired sessions, and says how many", async () => {
      const { runHousekeeping } = await import("../delivery/housekeeping");
      await db.session.deleteMany();
      await db.verification.deleteMany();
      const realNow = Date.now();
      await db.session.createMany({ data: [session("gone1", new Date(realNow - 60_000)), session("gone2", new Date(realNow - 1)), session("kept", new Date(realNow + 3_600_000))] });

      expect(await runHousekeeping("me")).toMatchObject({ sessions: 2 });
      expect((await db.session.findMany({ select: { id: true } })).map((row) => row.id)).toEqual(["kept"]);
    });
  });
};
