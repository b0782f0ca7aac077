import { createDatabase, dropDatabase, withConnection } from "../../scripts/postgres/cluster.mjs";
import { E2E_POSTGRES_SECRET_KEY, E2E_POSTGRES_SERVER_URL } from "./settings";

// Databases of their own for the PostgreSQL specs that start portals (e2e/support/portal-process.ts),
// on the e2e cluster the `postgres` web server started, or on a cluster the test started.

/** Runs `work` with one connection to `url`, closed afterwards. */
export const withPostgres = withConnection;

/** An empty database called `name` (one a killed run left behind is dropped first); returns its URL. */
export const freshPostgresDatabase = (name: string, serverUrl = E2E_POSTGRES_SERVER_URL) => createDatabase(serverUrl, name);

export const dropPostgresDatabase = (name: string, serverUrl = E2E_POSTGRES_SERVER_URL) => dropDatabase(serverUrl, name);

/** What an extra portal on PostgreSQL needs besides its other settings: the database and the shared key. */
export const postgresPortalEnv = (url: string) => ({ DATABASE_URL: url, SECRET_KEY: E2E_POSTGRES_SECRET_KEY });
