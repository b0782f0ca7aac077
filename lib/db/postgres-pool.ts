import "server-only";
import pg from "pg";
import { env } from "../env";

// One pool of PostgreSQL connections per process, shared by Prisma (lib/db.ts) and the delivery
// store's own SQL (lib/db/postgres/), so DATABASE_POOL_SIZE bounds what an instance holds.
// On globalThis: Next.js bundles routes, server actions and instrumentation separately.

const globalForPg = globalThis as unknown as { pgPool?: pg.Pool };

const createPool = () => {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "registry-webhooks",
  });
  // A connection that drops while idle (PostgreSQL restarted) is discarded by the pool; without
  // a listener the error would crash the process.
  pool.on("error", (error) => console.warn(`[postgres] an idle connection failed: ${error.message}`));
  return pool;
};

export const pgPool = (): pg.Pool => (globalForPg.pgPool ??= createPool());
