import "server-only";
import { isPostgres } from "./db/kind";
import { configureSqliteConnection } from "./db/sqlite/connection-settings";

/**
 * Settings the database connection needs before the server serves (called from
 * instrumentation.ts). PostgreSQL needs none: what SQLite sets per connection (journal, lock
 * waits) is the server's business there, and the pool's settings are in lib/db/postgres-pool.ts.
 */
export const configureDatabase = async () => {
  if (!isPostgres) await configureSqliteConnection();
};
