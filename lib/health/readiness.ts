import "server-only";
import path from "node:path";
import Database from "better-sqlite3";
import { appliedMigrations, readMigrations } from "../db/migrate-sqlite.mjs";
import { env } from "../env";
import { isShuttingDown } from "../lifecycle/shutdown";

// What a load balancer asks before sending an instance traffic (GET /api/ready). The reason
// goes to anyone who asks, so it is a short fixed phrase; the cause is logged here instead.

export type Readiness = { isReady: true } | { isReady: false; reason: string; cause?: unknown };

/**
 * A WAL reader never waits for writers, so this only runs out when the file is locked
 * outright (another tool switching its journal mode, recovery after a crash). better-sqlite3
 * is synchronous: this busy timeout is what bounds the answer, and it holds the event loop.
 */
const BUSY_TIMEOUT_MS = 500;

const pending = (count: number) => `${count} migration${count === 1 ? "" : "s"} pending`;

const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? "");

/**
 * Ready when the instance is not draining, `file` opens and every name in `migrations` is
 * applied there. Migrations applied that are not in `migrations` are fine: during a rolling
 * upgrade a newer instance migrates ahead of the older ones, which keep serving.
 */
export const checkReadiness = ({
  file,
  migrations,
  isShuttingDown,
  busyTimeoutMs = BUSY_TIMEOUT_MS,
}: {
  file: string;
  migrations: readonly string[];
  isShuttingDown: boolean;
  busyTimeoutMs?: number;
}): Readiness => {
  if (isShuttingDown) return { isReady: false, reason: "shutting down" };
  let connection: Database.Database | undefined;
  try {
    // A connection of its own per check (about 2 ms with the query, measured on the 2-core
    // machine under load), so a file that went away is noticed; read-only, never creating one.
    connection = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    const applied = appliedMigrations(connection);
    const missing = migrations.filter((name) => !applied.has(name)).length;
    return missing === 0 ? { isReady: true } : { isReady: false, reason: pending(missing) };
  } catch (error) {
    return { isReady: false, reason: isBusy(error) ? "database busy" : "database unreachable", cause: error };
  } finally {
    connection?.close();
  }
};

const MIGRATIONS_FOLDER = path.join(process.cwd(), "prisma", "migrations");
// The folder only changes with a deploy, which restarts the process: read it once.
let migrationNames: string[] | undefined;
let lastReason = "";

/** This process's readiness; logs each change with its cause. */
export const readiness = (): Readiness => {
  let result: Readiness;
  try {
    migrationNames ??= readMigrations(MIGRATIONS_FOLDER).map(({ name }) => name);
    result = checkReadiness({ file: env.DATABASE_URL.slice("file:".length), migrations: migrationNames, isShuttingDown: isShuttingDown() });
  } catch (error) {
    result = { isReady: false, reason: "migrations unreadable", cause: error };
  }
  const reason = result.isReady ? "" : result.reason;
  if (reason !== lastReason) {
    if (result.isReady) console.info("[registry-webhooks] Ready again.");
    else console.warn(`[registry-webhooks] Not ready: ${reason}.`, result.cause ?? "");
    lastReason = reason;
  }
  return result;
};
