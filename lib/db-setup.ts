import "server-only";
import { db } from "./db";
import { BUSY_TIMEOUT_MS, JOURNAL_SIZE_LIMIT } from "./db-raw";
import { isPostgres } from "./db/kind";

/**
 * WAL lets the events page read while the worker writes, and lets several server processes
 * share the file; the busy timeout makes a writer wait for another instead of failing.
 * PostgreSQL needs none of this (and refuses PRAGMA).
 */
export const configureDatabase = async () => {
  if (isPostgres) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe(`PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
};
