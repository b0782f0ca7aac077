import { tmpdir } from "node:os";
import path from "node:path";

// Where the e2e portals run and what they are configured with; shared by the config and fixtures.
// Two portals serve the suite: the SQLite one (most projects) and the PostgreSQL one (the
// `postgres` project), each a production build on its own port and database. The PORT
// variables let a second checkout run the suite beside this one.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/**
 * The port of an extra portal a spec starts (a second instance, a portal it kills), as an
 * offset from E2E_PORT, so a second checkout with another E2E_PORT does not collide.
 */
export const extraPortalPort = (offset: number) => E2E_PORT + offset;
export const E2E_DATABASE_URL = "file:data/e2e.db";
export const E2E_REGISTRY = "e2eregistry";
/** Short, so the slow-receiver test proves the timeout without a long wait. */
export const E2E_WEBHOOK_TIMEOUT_MS = 2000;
/** Fast retries, so retry tests finish in seconds (jitter still applies). */
export const E2E_RETRY_SCHEDULE = "1s,1s,1s,1s";
/** The default registry's notifications token, configured as code. */
export const E2E_NOTIFICATIONS_TOKEN = "e2e-notifications-token-0123456789";
/** Prometheus's bearer token for GET /api/metrics on both portals. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
/** The test receivers listen on 127.0.0.1 only. */
export const E2E_OUTBOUND_ALLOWLIST = "127.0.0.1";

/** The first Owner, created by the e2e portal from ADMIN_EMAIL / ADMIN_PASSWORD. */
export const E2E_OWNER = { email: "owner@e2e.test", password: "owner-password-0123" };
/** Added by the Owner through the Users page in e2e/auth.setup.ts. */
export const E2E_CONTRIBUTOR = { name: "Casey Contributor", email: "contributor@e2e.test", password: "contributor-password-0123" };
export const E2E_READER = { name: "Riley Reader", email: "reader@e2e.test", password: "reader-password-0123" };
/** Signed-in browser states, one per role (data/ is ignored by git). */
export const E2E_STORAGE = {
  owner: "data/e2e-auth/owner.json",
  contributor: "data/e2e-auth/contributor.json",
  reader: "data/e2e-auth/reader.json",
} as const;

/** The PostgreSQL portal: a throw-away cluster of its own, started by e2e/support/start-postgres-portal.mjs. */
export const E2E_POSTGRES_PORTAL_PORT = Number(process.env.E2E_POSTGRES_PORTAL_PORT ?? 3110);
export const E2E_POSTGRES_BASE_URL = `http://127.0.0.1:${E2E_POSTGRES_PORTAL_PORT}`;
/** The cluster's port (Vitest's is 55432) and folder; trust authentication, on 127.0.0.1 only. */
export const E2E_POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT ?? 55433);
export const E2E_POSTGRES_DIR = path.join(tmpdir(), `rw-e2e-pg-${E2E_POSTGRES_PORT}`);
/** The superuser's URL of the cluster's `postgres` database: tests create databases of their own with it. */
export const E2E_POSTGRES_SERVER_URL = `postgresql://postgres@127.0.0.1:${E2E_POSTGRES_PORT}/postgres`;
export const E2E_POSTGRES_DATABASE_URL = `postgresql://postgres@127.0.0.1:${E2E_POSTGRES_PORT}/e2e`;
/** Required on PostgreSQL (every instance must share it); tests seal and open stored secrets with it too. */
export const E2E_POSTGRES_SECRET_KEY = "e2e-postgres-secret-key-0123456789";
export const E2E_POSTGRES_STORAGE = {
  owner: "data/e2e-auth/postgres/owner.json",
  contributor: "data/e2e-auth/postgres/contributor.json",
  reader: "data/e2e-auth/postgres/reader.json",
} as const;
