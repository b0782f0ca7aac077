import "server-only";
import Database from "better-sqlite3";
import { appliedMigrations } from "../migrate-sqlite.mjs";

// SQLite's side of lib/health/readiness.ts.

/**
 * The migrations applied to `file`, read on a connection of its own (about 2 ms with the
 * query, measured on the 2-core machine under load), so a file that went away is noticed;
 * read-only, never creating one. A WAL reader never waits for writers, so `busyTimeoutMs` only
 * runs out when the file is locked outright (another tool switching its journal mode, recovery
 * after a crash); better-sqlite3 is synchronous, so it is what bounds the answer.
 */
export const appliedMigrationsOfFile = (file: string, busyTimeoutMs: number): ReadonlyMap<string, string> => {
  const connection = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    return appliedMigrations(connection);
  } finally {
    connection.close();
  }
};

/** The file was locked for longer than the busy timeout. */
export const isSqliteBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? "");
