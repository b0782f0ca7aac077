import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../../testing/temporary-database";

// The WAL checkpoint thread for real: the bundle `npm run build` makes (built here into a
// temporary directory), started on a migrated SQLite file. Once it runs, ingest's and the
// queue's connections stop checkpointing inside their commits, and the thread copies the WAL
// back instead, so the file stays small; stopped, nothing does, and the same writes grow it.

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

const walBytes = () => statSync(`${raw.sqliteFile()}-wal`).size;

/** 24 MiB in 384 commits on ingest's connection, a pause after each; returns the WAL's largest size meanwhile. */
const writeAndWatchWal = async () => {
  const insert = raw.ingestDb().prepare(`INSERT INTO "Filler" ("bytes") VALUES (?)`);
  let largest = 0;
  for (let i = 0; i < 384; i += 1) {
    insert.run(Buffer.alloc(64 * 1024, i % 256));
    largest = Math.max(largest, walBytes());
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return largest;
};

describe("the WAL checkpoint thread", () => {
  it("takes the checkpoints off the hot connections and keeps the WAL small; stopped, the same writes grow it", async () => {
    const autoCheckpoint = (connection: { pragma: (sql: string, options: { simple: true }) => unknown }) =>
      connection.pragma("wal_autocheckpoint", { simple: true });
    // Opened before the thread starts: SQLite's default, a checkpoint every 1000 pages.
    expect(autoCheckpoint(raw.ingestDb())).toBe(1000);

    const thread = checkpointer.startWalCheckpointer(bundle, raw.sqliteFile(), 10);
    // Both hot connections, the one already open and the one opened now; not the one that syncs every commit.
    expect(autoCheckpoint(raw.ingestDb())).toBe(0);
    expect(autoCheckpoint(raw.queueDb())).toBe(0);
    expect(autoCheckpoint(raw.rawDb())).toBe(1000);
    const withThread = await writeAndWatchWal();
    await thread.stop();

    raw.ingestDb().pragma("wal_checkpoint(TRUNCATE)");
    const withoutThread = await writeAndWatchWal();

    expect(withThread).toBeLessThan(8 * 1024 * 1024);
    expect(withoutThread).toBeGreaterThan(20 * 1024 * 1024);
  }, 60_000);
});
