// Applies prisma/postgresql/migrations to a PostgreSQL database, beside running instances.
//
// Why not `prisma migrate deploy`: with Prisma 6.19's JavaScript engine it needs a driver
// adapter, and @prisma/adapter-pg 6.19 cannot read the `name` columns the schema engine's own
// queries return ("Column type 'name' could not be deserialized", ../shared/toolchain.md).
// PostgreSQL runs DDL inside transactions, so the SQL files Prisma generated are applied here
// with `pg`: each migration and its bookkeeping row in one transaction (nothing half-applied),
// one migrator at a time across every machine (a session advisory lock), in Prisma's own
// `_prisma_migrations` table, so `prisma migrate status` agrees with what we did.
//
// Plain JavaScript: scripts/migrate.mjs runs it with plain Node before the server starts.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { readMigrations } from "./migrate-sqlite.mjs";

/** Prisma's own table, exactly as `prisma migrate deploy` creates it on PostgreSQL. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock every migrator takes (any constant; "rwh-migrate" as bytes). */
const MIGRATE_LOCK = 7_237_730_512_345n;

/**
 * Finished, not rolled back: what Prisma counts as applied (lib/health/readiness.ts asks too).
 * @param {{ query: (text: string) => Promise<{ rows: any[] }> }} client
 * @returns {Promise<Map<string, string>>} name -> checksum
 */
export const appliedPostgresMigrations = async (client) => {
  const { rows: [table] } = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (!table.exists) return new Map();
  const { rows } = await client.query(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.migration_name, row.checksum]));
};

/** What `pg` says when it cannot reach the server, in words an operator can act on. */
const connectionProblem = (/** @type {any} */ error) =>
  error?.code === "ECONNREFUSED"
    ? "nothing is listening there (is PostgreSQL running?)"
    : error?.code === "ENOTFOUND"
      ? "that host name does not resolve"
      : error?.code === "28P01" || error?.code === "28000"
        ? "the user name or password was refused"
        : error?.code === "3D000"
          ? "that database does not exist (create it first)"
          : String(error?.message ?? error);

/**
 * Waits up to `lockWaitMs` for the migrators' advisory lock (another instance may be applying
 * the same migrations); false when it stays taken.
 */
const takeLock = async (client, lockWaitMs) => {
  for (const deadline = Date.now() + lockWaitMs; ; ) {
    const { rows: [row] } = await client.query("SELECT pg_try_advisory_lock($1) AS taken", [MIGRATE_LOCK.toString()]);
    if (row.taken) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

const applyOne = async (client, { name, sql, checksum }) => {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    await client.query(sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), checksum, name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new Error(`Migration ${name} failed and was rolled back, nothing of it applied: ${error.message}`);
  }
};

/**
 * Brings the database at `url` up to date with the migrations in `folder`.
 * @param {{ url: string, folder: string, lockWaitMs?: number, connectTimeoutMs?: number, log?: (message: string) => void }} options
 * @returns {Promise<{ applied: string[] }>}
 */
export const migratePostgres = async ({ url, folder, lockWaitMs = 120_000, connectTimeoutMs = 10_000, log = () => {} }) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, application_name: "registry-webhooks migrate" });
  // An error on an idle client (the server going away) must not crash the process unhandled.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to PostgreSQL: ${connectionProblem(error)}`);
  }
  try {
    if (!(await takeLock(client, lockWaitMs))) {
      throw new Error(`another instance held the migration lock for ${lockWaitMs / 1000} s; raise MIGRATE_LOCK_WAIT_SECONDS or stop it`);
    }
    await client.query(MIGRATIONS_TABLE);
    const { rows: failed } = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
    );
    if (failed.length > 0) {
      throw new Error(`migration ${failed[0].migration_name} is recorded as started but not finished (by another tool); resolve it with \`prisma migrate resolve\` first`);
    }
    const applied = await appliedPostgresMigrations(client);
    const migrations = readMigrations(folder);
    for (const { name, checksum } of migrations) {
      if (applied.has(name) && applied.get(name) !== checksum) log(`Warning: ${name} was changed after it was applied.`);
    }
    const pending = migrations.filter(({ name }) => !applied.has(name));
    if (pending.length > 0) log(`Applying ${pending.length} migration(s): ${pending.map(({ name }) => name).join(", ")}`);
    for (const migration of pending) await applyOne(client, migration);
    return { applied: pending.map(({ name }) => name) };
  } finally {
    await client.end().catch(() => undefined);
  }
};
