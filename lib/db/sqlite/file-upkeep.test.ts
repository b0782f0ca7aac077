import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../../testing/temporary-database";

// The SQLite file after a large prune: the WAL copied back and truncated, and the freed pages
// handed back to the file system, so the file shrinks instead of staying at its largest.
const database = temporaryDatabase("file-upkeep", "sqlite");
const file = database.url!.slice("file:".length);
const bytes = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;

describe("SQLite file upkeep", () => {
  let upkeep: typeof import("./file-upkeep");
  let queueDb: typeof import("../../db-raw").queueDb;

  beforeAll(async () => {
    await database.open();
    upkeep = await import("./file-upkeep");
    ({ queueDb } = await import("../../db-raw"));
  }, 60_000);
  afterAll(() => database.close());

  it("truncates the WAL and shrinks the file after rows are deleted", async () => {
    const connection = queueDb();
    const insert = connection.prepare(`INSERT INTO "AuditEntry" ("createdAt", "actorEmail", "action", "detail") VALUES (?, 'a@example.test', 'x', ?)`);
    connection.transaction(() => {
      for (let index = 0; index < 2000; index += 1) insert.run("2020-01-01T00:00:00.000+00:00", "d".repeat(4000));
    })();
    expect(upkeep.checkpointWal()).toBe(true);
    const full = bytes(file);
    connection.exec(`DELETE FROM "AuditEntry"`);

    expect(upkeep.checkpointWal()).toBe(true);
    expect(bytes(`${file}-wal`)).toBe(0);
    expect(await upkeep.returnFreePages()).toBeGreaterThan(1000);
    expect(connection.pragma("freelist_count", { simple: true })).toBe(0);
    upkeep.checkpointWal();
    // About 8 MB of rows were written and deleted; the file gave them back.
    expect(bytes(file)).toBeLessThan(full - 4_000_000);
  });
});
