import "server-only";
import { db } from "./db";

/**
 * WAL lets the events page read while the worker writes, and lets several server processes
 * share the file; the busy timeout makes a writer wait for another instead of failing.
 */
export const configureDatabase = async () => {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
};
