import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { enableIncrementalVacuum, migrateSqlite, readMigrations } from "./migrate-sqlite.mjs";

// Against real SQLite files and the project's real migrations.
const MIGRATIONS = path.resolve("prisma/migrations");
const scratch = mkdtempSync(path.join(tmpdir(), "rw-migrate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fileCount = 0;
const newFile = () => path.join(scratch, `db-${(fileCount += 1)}.db`);
const schemaOf = (file: string) => {
  const connection = new Database(file, { readonly: true });
  const rows = connection
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all();
  connection.close();
  return rows;
};
/** A migrations folder holding the first `count` real migrations (and `extra` after them). */
const migrationsFolder = (count: number, extra: Record<string, string> = {}) => {
  const folder = mkdtempSync(path.join(scratch, "migrations-"));
  for (const { name } of readMigrations(MIGRATIONS).slice(0, count)) cpSync(path.join(MIGRATIONS, name), path.join(folder, name), { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(folder, name));
    writeFileSync(path.join(folder, name, "migration.sql"), sql);
  }
  return folder;
};

describe("migrateSqlite", () => {
  it("builds the same schema as prisma migrate deploy, and Prisma sees every migration applied", () => {
    const ours = newFile();
    const { applied, isNew } = migrateSqlite({ file: ours, folder: MIGRATIONS });
    expect(isNew).toBe(true);
    expect(applied).toEqual(readMigrations(MIGRATIONS).map(({ name }) => name));

    const prismas = newFile();
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${prismas}` }, stdio: "ignore" });
    expect(schemaOf(ours)).toEqual(schemaOf(prismas));
    const status = execFileSync("npx", ["prisma", "migrate", "status"], { env: { ...process.env, DATABASE_URL: `file:${ours}` }, encoding: "utf8" });
    expect(status).toContain("Database schema is up to date!");
  }, 60_000);

  it("applies nothing the second time", () => {
    const file = newFile();
    migrateSqlite({ file, folder: MIGRATIONS });
    expect(migrateSqlite({ file, folder: MIGRATIONS })).toEqual({ applied: [], isNew: false });
  });

  it("applies pending migrations while another connection has the file open and reading", () => {
    const file = newFile();
    const all = readMigrations(MIGRATIONS);
    migrateSqlite({ file, folder: migrationsFolder(2) });
    // What a running server looks like to the migrator: an open WAL connection mid-read.
    const server = new Database(file);
    server.pragma("journal_mode = WAL");
    server.exec("BEGIN");
    server.prepare(`SELECT COUNT(*) FROM "Registry"`).get();
    try {
      expect(migrateSqlite({ file, folder: MIGRATIONS }).applied).toEqual(all.slice(2).map(({ name }) => name));
    } finally {
      server.exec("COMMIT");
      server.close();
    }
  });

  it("keeps child rows when a migration rebuilds their parent table (no cascade from the rebuild)", () => {
    const file = newFile();
    // Up to the migration before signing_secrets, which rebuilds "Webhook" (Delivery cascades from it).
    const before = readMigrations(MIGRATIONS).findIndex(({ name }) => name.endsWith("_signing_secrets"));
    migrateSqlite({ file, folder: migrationsFolder(before) });
    const connection = new Database(file);
    connection.exec(`INSERT INTO "Registry" ("id", "name") VALUES ('r1', 'reg')`);
    connection.exec(`INSERT INTO "Webhook" ("id", "registryId", "name", "serviceUri", "actions", "updatedAt") VALUES ('w1', 'r1', 'hook', 'x', 'push', 0)`);
    connection.exec(`INSERT INTO "Delivery" ("id", "webhookId", "action", "payload") VALUES ('d1', 'w1', 'push', '{}')`);
    connection.close();

    migrateSqlite({ file, folder: MIGRATIONS });
    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT "id" FROM "Delivery"`).all()).toEqual([{ id: "d1" }]);
    after.close();
  });

  it("rolls a failing migration back whole and says which one failed", () => {
    const file = newFile();
    const folder = migrationsFolder(99, {
      "99990101000000_broken": `CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "NoSuchTable" VALUES (1);`,
    });
    expect(() => migrateSqlite({ file, folder })).toThrow(
      /^Migration 99990101000000_broken failed and was rolled back, nothing of it applied: no such table: NoSuchTable$/,
    );
    const connection = new Database(file, { readonly: true });
    expect(connection.prepare(`SELECT name FROM sqlite_master WHERE name = 'Half'`).all()).toEqual([]);
    const names = connection.prepare(`SELECT migration_name FROM _prisma_migrations`).all();
    expect(names).toHaveLength(readMigrations(MIGRATIONS).length);
    connection.close();
  });

  it("creates new files with incremental auto-vacuum, and converts older ones", () => {
    const fresh = newFile();
    migrateSqlite({ file: fresh, folder: MIGRATIONS });
    const autoVacuumOf = (file: string) => {
      const connection = new Database(file, { readonly: true });
      const mode = connection.pragma("auto_vacuum", { simple: true });
      connection.close();
      return mode;
    };
    expect(autoVacuumOf(fresh)).toBe(2);

    const old = newFile();
    new Database(old).exec(`CREATE TABLE "t" ("x")`);
    expect(autoVacuumOf(old)).toBe(0);
    enableIncrementalVacuum({ file: old });
    expect(autoVacuumOf(old)).toBe(2);
  });
});
