// Plain JavaScript so that scripts/migrate.mjs (run by plain Node before the server starts)
// resolves the database exactly as the server and the Prisma CLI do.
import { mkdirSync } from "node:fs";
import path from "node:path";

/** Where the embedded SQLite database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_FILE = "data/registry-webhooks.db";

/**
 * Which database a DATABASE_URL names: SQLite (`file:`, the embedded default) or PostgreSQL.
 * @param {string} url @returns {"sqlite" | "postgresql"}
 */
export const databaseKind = (url) => (/^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite");

/**
 * A PostgreSQL URL as logs may show it: no password.
 * @param {string} url
 */
export const redactedUrl = (url) => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
};

/**
 * Returns DATABASE_URL ready to open: a `file:` URL made absolute (its folder created), so the
 * Prisma CLI and the running server open the same file whatever their working directory, or a
 * `postgresql://` URL as given.
 * @param {string | undefined} raw
 * @returns {string}
 */
export const resolveDatabaseUrl = (raw = process.env.DATABASE_URL) => {
  const value = raw?.trim() || `file:${DEFAULT_DATABASE_FILE}`;
  if (databaseKind(value) === "postgresql") {
    try {
      new URL(value);
    } catch {
      throw new Error("DATABASE_URL is not a valid postgresql:// URL");
    }
    return value;
  }
  if (!value.startsWith("file:")) {
    // Only the scheme: the rest may hold a password.
    const scheme = value.split(":")[0].slice(0, 20);
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL, got "${scheme}:..."`);
  }
  const filePath = path.resolve(value.slice("file:".length).replace(/^\/\//, ""));
  mkdirSync(path.dirname(filePath), { recursive: true });
  return `file:${filePath}`;
};
