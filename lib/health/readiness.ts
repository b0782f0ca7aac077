import "server-only";
import path from "node:path";
import type pg from "pg";
import { isPostgres } from "../db/kind";
import { readMigrations } from "../db/migrate-sqlite.mjs";
import { appliedMigrationsWithin, isPostgresTimeout } from "../db/postgres/readiness";
import { pgPool } from "../db/postgres-pool";
import { appliedMigrationsOfFile, isSqliteBusy } from "../db/sqlite/readiness";
import { env } from "../env";
import { isShuttingDown } from "../lifecycle/shutdown";

// What a load balancer asks before sending an instance traffic (GET /api/ready). The reason
// goes to anyone who asks, so it is a short fixed phrase; the cause is logged here instead.

export type Readiness = { isReady: true } | { isReady: false; reason: string; cause?: unknown };

/** SQLite: how long the check waits for a file locked outright (lib/db/sqlite/readiness.ts). */
const BUSY_TIMEOUT_MS = 500;
/** PostgreSQL: how long the check's query may run. */
const STATEMENT_TIMEOUT_MS = 1_000;

const SHUTTING_DOWN: Readiness = { isReady: false, reason: "shutting down" };

const pending = (count: number) => `${count} migration${count === 1 ? "" : "s"} pending`;

/**
 * Ready when every name in `migrations` is applied. Migrations applied that are not in
 * `migrations` are fine: during a rolling upgrade a newer instance migrates ahead of the older
 * ones, which keep serving.
 */
const readinessFor = (applied: ReadonlyMap<string, string>, migrations: readonly string[]): Readiness => {
  const missing = migrations.filter((name) => !applied.has(name)).length;
  return missing === 0 ? { isReady: true } : { isReady: false, reason: pending(missing) };
};

const unavailable = (isBusy: boolean, cause: unknown): Readiness => ({ isReady: false, reason: isBusy ? "database busy" : "database unreachable", cause });

type Check = { migrations: readonly string[]; isShuttingDown: boolean };

/** SQLite: ready when the instance is not draining, `file` opens and every migration is applied there. */
export const checkReadiness = ({ file, busyTimeoutMs = BUSY_TIMEOUT_MS, ...check }: Check & { file: string; busyTimeoutMs?: number }): Readiness => {
  if (check.isShuttingDown) return SHUTTING_DOWN;
  try {
    return readinessFor(appliedMigrationsOfFile(file, busyTimeoutMs), check.migrations);
  } catch (error) {
    return unavailable(isSqliteBusy(error), error);
  }
};

/** PostgreSQL: ready when the instance is not draining, a pooled query answers in time and every migration is applied. */
export const checkPostgresReadiness = async ({
  pool,
  statementTimeoutMs = STATEMENT_TIMEOUT_MS,
  ...check
}: Check & { pool: pg.Pool; statementTimeoutMs?: number }): Promise<Readiness> => {
  if (check.isShuttingDown) return SHUTTING_DOWN;
  try {
    return readinessFor(await appliedMigrationsWithin(pool, statementTimeoutMs), check.migrations);
  } catch (error) {
    return unavailable(isPostgresTimeout(error), error);
  }
};

// Literal paths: a computed one makes Next's build trace the whole project.
const MIGRATIONS_FOLDER = isPostgres
  ? path.join(process.cwd(), "prisma", "postgresql", "migrations")
  : path.join(process.cwd(), "prisma", "migrations");
// The folder only changes with a deploy, which restarts the process: read it once.
let migrationNames: string[] | undefined;
let lastReason = "";

const checkConfiguredDatabase = async (): Promise<Readiness> => {
  try {
    migrationNames ??= readMigrations(MIGRATIONS_FOLDER).map(({ name }) => name);
  } catch (error) {
    return { isReady: false, reason: "migrations unreadable", cause: error };
  }
  const check = { migrations: migrationNames, isShuttingDown: isShuttingDown() };
  return isPostgres ? checkPostgresReadiness({ pool: pgPool(), ...check }) : checkReadiness({ file: env.DATABASE_URL.slice("file:".length), ...check });
};

/** This process's readiness; logs each change with its cause. */
export const readiness = async (): Promise<Readiness> => {
  const result = await checkConfiguredDatabase();
  const reason = result.isReady ? "" : result.reason;
  if (reason !== lastReason) {
    if (result.isReady) console.info("[registry-webhooks] Ready again.");
    else console.warn(`[registry-webhooks] Not ready: ${reason}.`, result.cause ?? "");
    lastReason = reason;
  }
  return result;
};
