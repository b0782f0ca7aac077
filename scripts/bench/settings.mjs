// Fixed settings shared by the benchmark's modules: where things live, what the portal is
// called, and how long any wait may take.

import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Loopback only: the benchmark must never reach (or be reached from) another machine.
export const HOST = "127.0.0.1";
// A separate build directory, so the e2e build in `.next` is left alone. BENCH_DIST_DIR names
// another (e.g. `.next-bench-a`), to compare two builds back to back at the same machine load
// (`next build` adds each dist dir's types to tsconfig.json: leave that out of commits).
export const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
export const DB_FILE = "data/bench.db";
export const SERVER_LOG = "data/bench-server.log";
export const BUILD_LOG = "data/bench-build.log";
/** One log per PostgreSQL instance (`{port}` filled in), and one for its migration. */
export const PG_SERVER_LOG = "data/bench-server-pg-{port}.log";
export const PG_MIGRATE_LOG = "data/bench-migrate-pg.log";

// The throw-away PostgreSQL cluster of `--db postgres`: outside the repository (the server runs
// as the `postgres` user, which may not enter it), on a port of the benchmark's own.
export const PG_PORT = 55460;
export const PG_DIR = path.join(tmpdir(), `rw-bench-pg-${PG_PORT}`);
export const PG_DATABASE = "bench";

export const REGISTRY_NAME = "benchregistry";
// New on every run, so a portal left over from another run cannot accept our events.
export const TOKEN = `bench-token-${randomUUID()}`;
// The portal encrypts service URIs at rest; the benchmark seals its webhooks with this key.
export const SECRET_KEY = `bench-secret-key-${randomUUID()}`;
export const REPOSITORY = "bench/app";
// The first Owner the portal makes from ADMIN_EMAIL/ADMIN_PASSWORD; the page probe signs in as it.
export const ADMIN_EMAIL = "bench@bench.test";
export const ADMIN_PASSWORD = "bench-password-0123";
export const MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
export const ENVELOPE_TYPE = "application/vnd.docker.distribution.events.v1+json";
// The portal's own User-Agent (lib/delivery/send.ts), so the baseline sends identical requests.
export const PORTAL_USER_AGENT = "registry-webhooks/0.1";

export const TARGET_DELIVERIES_PER_S = 2000;
/** Issue 13's bar for a burst (it was 25 % before): half of what the raw client does on this machine. */
export const TARGET_SHARE_OF_BASELINE = 0.5;
/** Issue 13's bar at a steady 500 events/s on SQLite: p99 send-to-delivery under this. */
export const TARGET_STEADY_SQLITE_P99_MS = 50;
/** The aim for PostgreSQL with two instances on two cores. */
export const TARGET_POSTGRES_DELIVERIES_PER_S = 3000;

// Every wait has a ceiling, so a stuck portal ends the run instead of hanging it.
export const LIMITS = {
  buildMs: 10 * 60_000,
  migrateMs: 2 * 60_000,
  readyMs: 60_000,
  requestMs: 60_000,
  deliveriesMs: 10 * 60_000,
  // No new delivery for this long means none is coming (e.g. all failed): stop waiting early.
  stallMs: 60_000,
  dbSettleMs: 15_000,
  baselineMs: 5 * 60_000,
  shutdownMs: 5_000,
  // Both databases, each with a housekeeping round, and a first build.
  wholeRunMs: 60 * 60_000,
};
export const POLL_MS = 50;
export const PROGRESS_EVERY_MS = 5_000;
