import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../../testing/temporary-database";

// The WAL checkpoint thread for real: the bundle `npm run build` makes (built here into a
// temporary directory), started on a migrated SQLite file. Once it runs, ingest's and the
// queue's connections checkpoint inside their commits only past 16 MiB of WAL, and the thread
// copies the WAL back meanwhile, so the file stays small; stopped, the same writes grow it to
// that bound, and no further.

const database = temporaryDatabase("wal-checkpointer");
// Inside node_modules, so the bundle finds better-sqlite3 as it does in .next.
const cache = path.resolve("node_modules/.cache");
mkdirSync(cache, { recursive: true });
const directory = mkdtempSync(path.join(cache, "rw-checkpoint-thread-"));
const bundle = path.join(directory, "checkpoint-thread.cjs");

let raw: typeof import("../../db-raw");
let checkpointer: typeof import("./wal-checkpointer");

beforeAll(async () => {
  await database.open();
  const { bundleCheckpointThread } = (await import("../../../scripts/build-delivery-thread.mjs")) as { bundleCheckpointThread: (outfile: string) => Promise<unknown> };
  await bundleCheckpointThread(bundle);
  raw = await import("../../db-raw");
  checkpointer = await import("./wal-checkpointer");
  raw.ingestDb().exec(`CREATE TABLE "Filler" ("bytes" BLOB)`);
}, 60_000);

afterAll(async () => {
  await database.close();
  rmSync(directory, { recursive: true, force: true });
});

const bytesOf = (file: string) => statSync(file).size;
const MiB = 1024 * 1024;

/** `mebibytes` MiB in commits of 64 KiB on ingest's connection; returns the WAL's largest size meanwhile. */
const write = (mebibytes: number) => {
  const insert = raw.ingestDb().prepare(`INSERT INTO "Filler" ("bytes") VALUES (?)`);
  let largest = 0;
  for (let i = 0; i < mebibytes * 16; i += 1) {
    insert.run(Buffer.alloc(64 * 1024, i % 256));
    largest = Math.max(largest, bytesOf(`${raw.sqliteFile()}-wal`));
  }
  return largest;
};

/** Resolves once `check` holds, or with false after `ms`. */
const eventually = async (check: () => boolean, ms: number) => {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) if (check()) return true;
  return check();
};

describe("the WAL checkpoint thread", () => {
  it("copies the WAL back for the hot connections, which checkpoint themselves only past 16 MiB of WAL", async () => {
    const autoCheckpoint = (connection: { pragma: (sql: string, options: { simple: true }) => unknown }) =>
      connection.pragma("wal_autocheckpoint", { simple: true });
    const file = raw.sqliteFile();
    // Opened before the thread starts: SQLite's default, a checkpoint every 1000 pages.
    expect(autoCheckpoint(raw.ingestDb())).toBe(1000);

    const thread = checkpointer.startWalCheckpointer(bundle, file, 10);
    // Both hot connections, the one already open and the one opened now; not the one that syncs every commit.
    expect(autoCheckpoint(raw.ingestDb())).toBe(raw.WAL_CHECKPOINT_BOUND_PAGES);
    expect(autoCheckpoint(raw.queueDb())).toBe(raw.WAL_CHECKPOINT_BOUND_PAGES);
    expect(autoCheckpoint(raw.rawDb())).toBe(1000);

    // 8 MiB, under the bound: no commit checkpoints, yet the pages reach the database file.
    const before = bytesOf(file);
    write(8);
    expect(await eventually(() => bytesOf(file) >= before + 7.5 * MiB, 10_000)).toBe(true);
    await thread.stop();

    // Stopped, the same 8 MiB stay in the WAL...
    raw.ingestDb().pragma("wal_checkpoint(TRUNCATE)");
    const stopped = bytesOf(file);
    expect(write(8)).toBeGreaterThan(8 * MiB);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bytesOf(file)).toBe(stopped);
    // ... until the WAL reaches the bound: then a commit checkpoints, and it grows no further.
    expect(write(16)).toBeLessThan(17 * MiB);
    expect(bytesOf(file)).toBeGreaterThan(stopped + 8 * MiB);
  }, 60_000);
});
