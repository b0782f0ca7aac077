import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseKind } from "./temporary-database";

/** Runs one statement; `?` placeholders on both databases. Returns its rows (none for a write). */
type Rows = <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

/** A connection of its own to the test database, as another server process would open one. */
export type SecondConnection =
  | { kind: "sqlite"; sqlite: Database.Database; rows: Rows; close: () => Promise<void> }
  | { kind: "postgresql"; pool: pg.Pool; rows: Rows; close: () => Promise<void> };

/** `?` to `$1, $2, ...`: test SQL has no `?` inside its string literals. */
const numberedPlaceholders = (sql: string) => {
  let index = 0;
  return sql.replace(/\?/g, () => `$${(index += 1)}`);
};

/**
 * Opens a connection to the database at `url` (temporaryDatabase's): for SQLite one
 * better-sqlite3 connection set up as lib/db-raw.ts sets up its own, for PostgreSQL a pool of
 * its own, so its transactions run beside the portal's as another instance's would.
 */
export const openSecondConnection = (kind: DatabaseKind, url: string, { busyTimeoutMs = 10_000 } = {}): SecondConnection => {
  if (kind === "postgresql") {
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    return {
      kind,
      pool,
      rows: async <T,>(sql: string, params: readonly unknown[] = []) => (await pool.query(numberedPlaceholders(sql), [...params])).rows as T[],
      close: () => pool.end(),
    };
  }
  const sqlite = new Database(url.slice("file:".length));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return {
    kind,
    sqlite,
    rows: async <T,>(sql: string, params: readonly unknown[] = []) => {
      const statement = sqlite.prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    },
    close: async () => void sqlite.close(),
  };
};
