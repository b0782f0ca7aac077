import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite file with the real migrations; a second connection plays another instance.
const database = temporaryDatabase("lease");

let lease: typeof import("./lease");
let housekeeping: typeof import("../delivery/housekeeping");
let otherInstance: Database.Database;

beforeAll(async () => {
  await database.open();
  lease = await import("./lease");
  housekeeping = await import("../delivery/housekeeping");
  otherInstance = new Database(process.env.DATABASE_URL!.slice("file:".length));
}, 60_000);

afterAll(async () => {
  otherInstance.close();
  await database.close();
});

/** What another instance holding the lease looks like from here. */
const heldElsewhere = (name: string, until: number) =>
  otherInstance.prepare(`INSERT OR REPLACE INTO "Lease" ("name", "owner", "until") VALUES (?, 'elsewhere', ?)`).run(name, until);

describe("takeLease", () => {
  it("is taken by one owner at a time, renewed by its holder, and free again once released", () => {
    const now = 1_000_000;
    expect(lease.takeLease("job", "a", 60_000, now)).toBe(true);
    expect(lease.takeLease("job", "b", 60_000, now + 1)).toBe(false);
    expect(lease.takeLease("job", "a", 60_000, now + 2)).toBe(true);
    lease.releaseLease("job", "b"); // not b's to release
    expect(lease.takeLease("job", "b", 60_000, now + 3)).toBe(false);
    lease.releaseLease("job", "a");
    expect(lease.takeLease("job", "b", 60_000, now + 4)).toBe(true);
  });

  it("is taken over once its holder let it expire", () => {
    const now = Date.now();
    heldElsewhere("expiring", now + 1000);
    expect(lease.takeLease("expiring", "me", 60_000, now)).toBe(false);
    expect(lease.takeLease("expiring", "me", 60_000, now + 1000)).toBe(true);
  });
});

describe("runHousekeeping", () => {
  it("skips the round while another instance runs one, and runs it once that one is done", async () => {
    heldElsewhere("housekeeping", Date.now() + 60_000);
    expect(await housekeeping.runHousekeeping("me")).toBeNull();

    heldElsewhere("housekeeping", 0);
    expect(await housekeeping.runHousekeeping("me")).toMatchObject({ deliveries: 0, registryEvents: 0 });
    // Given back at the end, not left to expire.
    expect(lease.takeLease("housekeeping", "someone-else", 60_000)).toBe(true);
  });
});
