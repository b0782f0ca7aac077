// Plain JavaScript so that scripts/migrate.mjs (run by plain Node before the server starts)
// resolves the database exactly as the server and the Prisma CLI do.
import { mkdirSync } from "node:fs";
import path from "node:path";

/** Where the embedded SQLite database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_FILE = "data/registry-webhooks.db";

/**
 * Returns DATABASE_URL as an absolute `file:` URL (creating its folder), so the Prisma CLI
 * and the running server open the same file whatever their working directory.
 * @param {string | undefined} raw
 * @returns {string}
 */
export const resolveDatabaseUrl = (raw = process.env.DATABASE_URL) => {
  const value = raw?.trim() || `file:${DEFAULT_DATABASE_FILE}`;
  if (!value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${value}"`);
  }
  const filePath = path.resolve(value.slice("file:".length).replace(/^\/\//, ""));
  mkdirSync(path.dirname(filePath), { recursive: true });
  return `file:${filePath}`;
};
