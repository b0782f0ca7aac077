import "server-only";
import type pg from "pg";
import { appliedPostgresMigrations } from "../migrate-postgres.mjs";
import { inTransaction } from "./transaction";

// PostgreSQL's side of lib/health/readiness.ts.

/**
 * The migrations applied, asked on a pooled connection (the one traffic would use) with a
 * statement timeout, so a database that holds the query (a migration locking its table, an
 * overloaded server) answers within it. Waiting for a free connection is bounded by the pool's
 * connection timeout (lib/db/postgres-pool.ts).
 */
export const appliedMigrationsWithin = (pool: pg.Pool, statementTimeoutMs: number): Promise<ReadonlyMap<string, string>> =>
  inTransaction(pool, async (client) => {
    // set_config(..., true): for this transaction only, so the pooled connection goes back unchanged.
    await client.query("SELECT set_config('statement_timeout', $1, true)", [String(statementTimeoutMs)]);
    return appliedPostgresMigrations(client);
  });

/** The statement timeout ran out, or a lock could not be had (57014 query_canceled, 55P03 lock_not_available). */
export const isPostgresTimeout = (error: unknown) => ["57014", "55P03"].includes((error as { code?: string }).code ?? "");
