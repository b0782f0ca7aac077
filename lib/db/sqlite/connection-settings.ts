import "server-only";
import { db } from "../../db";
import { BUSY_TIMEOUT_MS, JOURNAL_SIZE_LIMIT } from "../../db-raw";

/**
 * Prisma's SQLite connection: WAL lets the events page read while the worker writes, and lets
 * several server processes share the file; the busy timeout makes a writer wait for another
 * instead of failing; the size limit cuts the WAL back after a checkpoint.
 */
export const configureSqliteConnection = async () => {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe(`PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
};
