import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecondConnection, type SecondConnection } from "../testing/second-connection";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import type { Leases } from "./lease";

/**
 * The lease's tests, run on each database by lease.<kind>.test.ts: against a real database with
 * the real migrations; a second connection (PostgreSQL: a pool of its own) plays another instance.
 */
export const describeLease = (kind: DatabaseKind) => {
  const database = temporaryDatabase("lease", kind);

  let lease: typeof import("./lease");
  let housekeeping: typeof import("../delivery/housekeeping");
  let otherInstance: SecondConnection;
  /** The lease SQL as another instance runs it, on its own connection. */
  let otherLeases: Leases;

  beforeAll(async () => {
    await database.open();
    lease = await import("./lease");
    housekeeping = await import("../delivery/housekeeping");
    otherInstance = openSecondConnection(kind, database.url);
    const connection = otherInstance;
    otherLeases =
      connection.kind === "sqlite"
        ? (await import("./sqlite/leases")).sqliteLeases(() => connection.sqlite)
        : (await import("./postgres/leases")).postgresLeases(() => connection.pool);
  }, 60_000);

  afterAll(async () => {
    await otherInstance.close();
    await database.close();
  });

  /** What another instance holding the lease looks like from here. */
  const heldElsewhere = (name: string, until: number) =>
    otherInstance.rows(
      `INSERT INTO "Lease" ("name", "owner", "until") VALUES (?, 'elsewhere', ?)
       ON CONFLICT ("name") DO UPDATE SET "owner" = excluded."owner", "until" = excluded."until"`,
      [name, until],
    );

  describe("takeLease", () => {
    it("is taken by one owner at a time, renewed by its holder, and free again once released", async () => {
      const now = 1_000_000;
      expect(await lease.takeLease("job", "a", 60_000, now)).toBe(true);
      expect(await lease.takeLease("job", "b", 60_000, now + 1)).toBe(false);
      expect(await lease.takeLease("job", "a", 60_000, now + 2)).toBe(true);
      await lease.releaseLease("job", "b"); // not b's to release
      expect(await lease.takeLease("job", "b", 60_000, now + 3)).toBe(false);
      await lease.releaseLease("job", "a");
      expect(await lease.takeLease("job", "b", 60_000, now + 4)).toBe(true);
    });

    it("is taken over once its holder let it expire", async () => {
      const now = Date.now();
      await heldElsewhere("expiring", now + 1000);
      expect(await lease.takeLease("expiring", "me", 60_000, now)).toBe(false);
      expect(await lease.takeLease("expiring", "me", 60_000, now + 1000)).toBe(true);
    });

    it("goes to exactly one of two instances taking it at the same moment", async () => {
      for (let round = 0; round < 5; round += 1) {
        const name = `race-${round}`;
        const now = Date.now();
        const takers = Array.from({ length: 10 }, (_, i) =>
          i % 2 ? lease.takeLease(name, `here-${i}`, 60_000, now) : otherLeases.take(name, `there-${i}`, now + 60_000, now),
        );
        expect((await Promise.all(takers)).filter(Boolean)).toHaveLength(1);
      }
    });
  });

  describe("runHousekeeping", () => {
    it("skips the round while another instance runs one, and runs it once that one is done", async () => {
      await heldElsewhere("housekeeping", Date.now() + 60_000);
      expect(await housekeeping.runHousekeeping("me")).toBeNull();

      await heldElsewhere("housekeeping", 0);
      expect(await housekeeping.runHousekeeping("me")).toMatchObject({ deliveries: 0, registryEvents: 0 });
      // Given back at the end, not left to expire.
      expect(await lease.takeLease("housekeeping", "someone-else", 60_000)).toBe(true);
    });

    it(kind === "postgresql" ? "leaves the WAL and free pages to PostgreSQL" : "checkpoints the WAL and counts the pages it frees", async () => {
      await heldElsewhere("housekeeping", 0);
      const report = await housekeeping.runHousekeeping("me");
      if (kind === "postgresql") expect(report).toMatchObject({ walCheckpointed: "not applicable", pagesFreed: "not applicable" });
      else expect(report).toMatchObject({ walCheckpointed: true, pagesFreed: expect.any(Number) });
    });
  });
};
