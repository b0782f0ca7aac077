// Applies prisma/migrations to a SQLite file, beside server processes that are using it.
//
// Why not `prisma migrate deploy`: its JavaScript schema engine switches the file to
// journal_mode=DELETE, which SQLite allows only while no other connection is open, so with
// one instance running a second one could not start (it gave up after 5 s, "SocketTimeout").
// Here each migration runs in one BEGIN IMMEDIATE transaction, which waits its turn for the
// write lock like any other writer: nothing is half-applied, and running instances keep
// serving. The bookkeeping is Prisma's own `_prisma_migrations` table (same checksum, same
// columns), so `prisma migrate status` and `prisma migrate deploy` agree with what we did.
//
// Plain JavaScript: scripts/migrate.mjs runs it with plain Node before the server starts.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Prisma's own table, exactly as `prisma migrate deploy` creates it on SQLite. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Timestamps as Prisma writes them: 2026-12-02T17:17:11.882+00:00. */
const prismaTime = () => new Date().toISOString().replace("Z", "+00:00");

/**
 * @param {string} folder prisma/migrations
 * @returns {{ name: string, sql: string, checksum: string }[]} in the order they apply
 */
export const readMigrations = (folder) =>
  readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });

/**
 * Finished, not rolled back: what Prisma counts as applied (lib/health/readiness.ts asks too).
 * @param {Database.Database} connection @returns {Map<string, string>} name -> checksum
 */
export const appliedMigrations = (connection) => {
  const hasTable = connection.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (!hasTable) return new Map();
  const rows = connection
    .prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
    .all();
  return new Map(rows.map((/** @type {any} */ row) => [row.migration_name, row.checksum]));
};

/**
 * Runs one migration in one transaction. Foreign keys are off on this connection while it
 * runs, as SQLite's table-redefinition procedure requires (Prisma's SQL rebuilds tables, and
 * with them on, dropping the old table would cascade into its children); they are checked
 * before the commit instead.
 * @param {Database.Database} connection
 * @param {{ name: string, sql: string, checksum: string }} migration
 * @returns {boolean} false when another process applied it first
 */
const applyOne = (connection, { name, sql, checksum }) => {
  const startedAt = prismaTime();
  connection.pragma("foreign_keys = OFF");
  connection.exec("BEGIN IMMEDIATE");
  try {
    connection.exec(MIGRATIONS_TABLE);
    if (appliedMigrations(connection).has(name)) {
      connection.exec("ROLLBACK");
      return false;
    }
    connection.exec(sql);
    const violations = /** @type {unknown[]} */ (connection.pragma("foreign_key_check"));
    if (violations.length > 0) {
      throw new Error(`it would leave ${violations.length} row(s) breaking a foreign key, e.g. ${JSON.stringify(violations[0])}`);
    }
    connection
      .prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
                VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`)
      .run(randomUUID(), checksum, prismaTime(), name, startedAt);
    connection.exec("COMMIT");
    return true;
  } catch (error) {
    if (connection.inTransaction) connection.exec("ROLLBACK");
    throw new Error(`Migration ${name} failed and was rolled back, nothing of it applied: ${/** @type {Error} */ (error).message}`);
  } finally {
    connection.pragma("foreign_keys = ON");
  }
};

/**
 * Brings `file` up to date with the migrations in `folder`.
 * @param {{ file: string, folder: string, lockWaitMs?: number, log?: (message: string) => void }} options
 * @returns {{ applied: string[], isNew: boolean }}
 */
export const migrateSqlite = ({ file, folder, lockWaitMs = 120_000, log = () => {} }) => {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  const connection = new Database(file);
  try {
    // Wait for the write lock as long as an upgrade may reasonably take elsewhere.
    connection.pragma(`busy_timeout = ${lockWaitMs}`);
    // Takes effect only before the first table exists; older files are converted below.
    if (isNew) connection.pragma("auto_vacuum = INCREMENTAL");
    connection.pragma("journal_mode = WAL");
    const applied = appliedMigrations(connection);
    const migrations = readMigrations(folder);
    for (const { name, checksum } of migrations) {
      if (applied.has(name) && applied.get(name) !== checksum) log(`Warning: ${name} was changed after it was applied.`);
    }
    const pending = migrations.filter(({ name }) => !applied.has(name));
    if (pending.length === 0) return { applied: [], isNew };
    log(`Applying ${pending.length} migration(s): ${pending.map(({ name }) => name).join(", ")}`);
    const done = pending.filter((migration) => applyOne(connection, migration)).map(({ name }) => name);
    return { applied: done, isNew };
  } finally {
    connection.close();
  }
};

/**
 * Files made before incremental auto-vacuum was switched on are rewritten once (VACUUM), so
 * pruned space can be returned in small steps later. Skipped, with a word, when the file is
 * large (it could take minutes) or another process is writing.
 * @param {{ file: string, maxBytes?: number, log?: (message: string) => void }} options
 */
export const enableIncrementalVacuum = ({ file, maxBytes = 256 * 1024 * 1024, log = () => {} }) => {
  const connection = new Database(file);
  try {
    if (connection.pragma("auto_vacuum", { simple: true }) === 2) return;
    if (statSync(file).size > maxBytes) {
      log(`Auto-vacuum is off; with every instance stopped, run: sqlite3 ${file} "PRAGMA auto_vacuum = INCREMENTAL; VACUUM;"`);
      return;
    }
    connection.pragma("busy_timeout = 2000");
    connection.pragma("auto_vacuum = INCREMENTAL");
    connection.exec("VACUUM");
    log("Switched on incremental auto-vacuum.");
  } catch (error) {
    log(`Auto-vacuum stays off for now (${/** @type {Error} */ (error).message}); the next start tries again.`);
  } finally {
    connection.close();
  }
};
