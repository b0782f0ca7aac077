import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, databaseUrl, dropDatabase, withConnection } from "../../scripts/postgres/cluster.mjs";
import { readMigrations } from "../db/migrate-sqlite.mjs";
import { temporaryDatabase } from "../testing/temporary-database";

// A database on the test server migrated with the project's PostgreSQL migrations, then copies
// of it (CREATE DATABASE ... TEMPLATE) changed the way a half-upgraded database would be.
const database = temporaryDatabase("readiness", "postgresql");
const MIGRATIONS = readMigrations(path.resolve("prisma/postgresql/migrations")).map(({ name }) => name);
const SERVER_URL = process.env.TEST_POSTGRES_URL!;
const migratedName = new URL(database.url).pathname.slice(1);
const copies: string[] = [];
const pools: pg.Pool[] = [];

const onServer = (sql: string, url = SERVER_URL) => withConnection(url, (client) => client.query(sql));

beforeAll(async () => {
  await database.open();
}, 60_000);

afterAll(async () => {
  for (const pool of pools) await pool.end();
  for (const name of copies) await dropDatabase(SERVER_URL, name);
  await database.close();
});

/** A copy of the migrated database with `sql` run on it; returns its URL. */
const copyWith = async (sql: string) => {
  const name = `${migratedName}_${copies.length + 1}`;
  const url = await createDatabase(SERVER_URL, name, { template: migratedName });
  copies.push(name);
  if (sql) await onServer(sql, url);
  return url;
};

/** A pool as an instance has one, on `url`. */
const poolOn = (url: string) => {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 2_000 });
  pool.on("error", () => undefined);
  pools.push(pool);
  return pool;
};

const check = async (url: string, options: { isShuttingDown?: boolean; statementTimeoutMs?: number } = {}) => {
  const { checkPostgresReadiness } = await import("./readiness");
  return checkPostgresReadiness({ pool: poolOn(url), migrations: MIGRATIONS, isShuttingDown: options.isShuttingDown ?? false, statementTimeoutMs: options.statementTimeoutMs });
};

const last = (count: number) => MIGRATIONS.slice(-count).map((name) => `'${name}'`).join(", ");

describe("checkPostgresReadiness", () => {
  it.each([
    ["every migration applied", "", { isReady: true }],
    ["the last migration missing", `DELETE FROM _prisma_migrations WHERE migration_name IN (${last(1)})`, { isReady: false, reason: "1 migration pending" }],
    ["the last migration rolled back", `UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name IN (${last(1)})`, { isReady: false, reason: "1 migration pending" }],
    ["a migration that never finished", `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name IN (${last(1)})`, { isReady: false, reason: "1 migration pending" }],
    ["no bookkeeping table at all", "DROP TABLE _prisma_migrations", { isReady: false, reason: `${MIGRATIONS.length} migration${MIGRATIONS.length === 1 ? "" : "s"} pending` }],
    // An instance not yet upgraded stays ready while a newer one migrates ahead of it.
    ["a newer migration this instance does not know", `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES ('x', 'x', '2026-12-01', '99990101000000_newer', '2026-12-01')`, { isReady: true }],
  ])("%s", async (_, sql, expected) => {
    expect(await check(await copyWith(sql))).toEqual(expected);
  });

  it("a server that does not answer is unreachable", async () => {
    expect(await check("postgresql://postgres@127.0.0.1:1/nothing")).toMatchObject({ isReady: false, reason: "database unreachable" });
  });

  it("a database that does not exist is unreachable, and the reason names neither it nor PostgreSQL's message", async () => {
    const result = await check(databaseUrl(SERVER_URL, "missing_too"));
    expect(result).toMatchObject({ isReady: false, reason: "database unreachable" });
    expect(JSON.stringify(result.isReady ? {} : { reason: result.reason })).not.toMatch(/missing_too|127\.0\.0\.1|does not exist|postgres/i);
  });

  it("gives up within its statement timeout while a migration locks the bookkeeping table", async () => {
    const url = await copyWith("");
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      expect(await check(url, { statementTimeoutMs: 200 })).toMatchObject({ isReady: false, reason: "database busy" });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  });

  it("is unavailable while shutting down, whatever the database says", async () => {
    expect(await check(database.url, { isShuttingDown: true })).toEqual({ isReady: false, reason: "shutting down" });
  });
});

describe("readiness", () => {
  it("checks the configured database against prisma/postgresql/migrations, and hands its pooled connection back unchanged", async () => {
    const { readiness } = await import("./readiness");
    expect(await readiness()).toEqual({ isReady: true });
    const { pgPool } = await import("../db/postgres-pool");
    const { rows } = await pgPool().query("SHOW statement_timeout");
    expect(rows[0].statement_timeout).toBe("0");
  });
});
