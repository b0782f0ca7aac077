import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "../db/migrate-sqlite.mjs";
import { temporaryDatabase } from "../testing/temporary-database";

// Real SQLite files: one migrated with the project's migrations, then copies of it changed
// the way a half-upgraded or broken database would be.
const database = temporaryDatabase("readiness");
const MIGRATIONS = readMigrations(path.resolve("prisma/migrations")).map(({ name }) => name);
let migrated = "";
let copies = 0;

beforeAll(async () => {
  await database.open();
  migrated = process.env.DATABASE_URL!.slice("file:".length);
});
afterAll(() => database.close());

/** A copy of the migrated database with `sql` run on it. */
const copyWith = (sql: string, journalMode = "WAL") => {
  const file = path.join(path.dirname(migrated), `copy-${(copies += 1)}.db`);
  copyFileSync(migrated, file);
  const connection = new Database(file);
  connection.pragma(`journal_mode = ${journalMode}`);
  connection.exec(sql);
  connection.close();
  return file;
};

const check = async (file: string, options: { isShuttingDown?: boolean; migrations?: string[] } = {}) => {
  const { checkReadiness } = await import("./readiness");
  return checkReadiness({ file, migrations: options.migrations ?? MIGRATIONS, isShuttingDown: options.isShuttingDown ?? false });
};

const last = (count: number) => MIGRATIONS.slice(-count).map((name) => `'${name}'`).join(", ");

describe("checkReadiness", () => {
  it.each([
    ["every migration applied", "", { isReady: true }],
    ["the last migration missing", `DELETE FROM _prisma_migrations WHERE migration_name IN (${last(1)})`, { isReady: false, reason: "1 migration pending" }],
    ["two migrations rolled back", `UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name IN (${last(2)})`, { isReady: false, reason: "2 migrations pending" }],
    ["a migration that never finished", `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name IN (${last(1)})`, { isReady: false, reason: "1 migration pending" }],
    ["no bookkeeping table at all", "DROP TABLE _prisma_migrations", { isReady: false, reason: `${MIGRATIONS.length} migrations pending` }],
    // An instance not yet upgraded stays ready while a newer one migrates ahead of it.
    ["a newer migration this instance does not know", `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES ('x', 'x', '2026-12-01', '99990101000000_newer', '2026-12-01')`, { isReady: true }],
  ])("%s", async (_, sql, expected) => {
    expect(await check(copyWith(sql))).toEqual(expected);
  });

  it("a missing file is unreachable, and checking does not create it", async () => {
    const file = path.join(path.dirname(migrated), "missing.db");
    expect(await check(file)).toMatchObject({ isReady: false, reason: "database unreachable" });
    expect(existsSync(file)).toBe(false);
  });

  it("a file that is not a database is unreachable", async () => {
    const file = path.join(path.dirname(migrated), "garbage.db");
    writeFileSync(file, "this is not a database, it is a text file that is long enough to have a header".repeat(10));
    expect(await check(file)).toMatchObject({ isReady: false, reason: "database unreachable" });
  });

  it("gives up within its timeout while another process locks the file", async () => {
    // WAL readers never wait for writers; a rollback journal's exclusive lock blocks them.
    const file = copyWith("", "DELETE");
    const holder = new Database(file);
    holder.exec("BEGIN EXCLUSIVE; DELETE FROM _prisma_migrations;");
    try {
      const { checkReadiness } = await import("./readiness");
      const started = Date.now();
      expect(checkReadiness({ file, migrations: MIGRATIONS, isShuttingDown: false, busyTimeoutMs: 200 })).toMatchObject({
        isReady: false,
        reason: "database busy",
      });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("is unavailable while shutting down, whatever the database says", async () => {
    expect(await check(migrated, { isShuttingDown: true })).toEqual({ isReady: false, reason: "shutting down" });
  });

  it("never puts the file's path or SQLite's message in the reason", async () => {
    const file = path.join(path.dirname(migrated), "missing-too.db");
    const result = await check(file);
    expect(JSON.stringify(result.isReady ? {} : { reason: result.reason })).not.toMatch(/missing-too|SQLITE|unable/i);
  });
});

describe("readiness", () => {
  it("checks the configured database against prisma/migrations", async () => {
    const { readiness } = await import("./readiness");
    expect(await readiness()).toEqual({ isReady: true });
  });
});
