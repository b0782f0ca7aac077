import pg from "pg";
import { databaseUrl } from "../../scripts/postgres/cluster.mjs";
import { E2E_POSTGRES_SECRET_KEY, E2E_POSTGRES_SERVER_URL } from "./settings";

// Databases of their own for the PostgreSQL specs that start portals (e2e/support/portal-process.ts),
// on the e2e cluster the `postgres` web server started, or on a cluster the test started.

/** Runs `work` with one connection to `url`, closed afterwards. */
export const withPostgres = async <T,>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** An empty database called `name` (one a killed run left behind is dropped first); returns its URL. */
export const freshPostgresDatabase = async (name: string, serverUrl = E2E_POSTGRES_SERVER_URL) => {
  await withPostgres(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(serverUrl, name);
};

export const dropPostgresDatabase = (name: string, serverUrl = E2E_POSTGRES_SERVER_URL) =>
  withPostgres(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

/** What an extra portal on PostgreSQL needs besides its other settings: the database and the shared key. */
export const postgresPortalEnv = (url: string) => ({ DATABASE_URL: url, SECRET_KEY: E2E_POSTGRES_SECRET_KEY });
