import { defineConfig, devices } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATABASE_URL,
  E2E_PORT,
  E2E_METRICS_TOKEN,
  E2E_NOTIFICATIONS_TOKEN,
  E2E_OUTBOUND_ALLOWLIST,
  E2E_OWNER,
  E2E_POSTGRES_BASE_URL,
  E2E_POSTGRES_DATABASE_URL,
  E2E_POSTGRES_DIR,
  E2E_POSTGRES_PORT,
  E2E_POSTGRES_PORTAL_PORT,
  E2E_POSTGRES_SECRET_KEY,
  E2E_STORAGE,
  E2E_REGISTRY,
  E2E_RETRY_SCHEDULE,
  E2E_WEBHOOK_TIMEOUT_MS,
} from "./e2e/support/settings";
import { POSTGRES_TARGET, type TargetOptions } from "./e2e/support/targets";

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// The specs the `postgres` project runs against the PostgreSQL portal: the core flows again
// (create, list, configure, delete, ping, events, registry notifications, a real registry's
// push and delete, the REST API, the per-webhook cap on requests in flight, auto-disable and
// recovery, sample events, test receivers), plus the PostgreSQL-only specs
// (postgres-*.spec.ts), which the `chromium` project skips. Everything else runs on SQLite only.
const POSTGRES_SPECS = [
  "webhook-create",
  "webhook-list",
  "webhook-configure-delete",
  "webhook-ping",
  "events-paging",
  "notifications",
  "registry-events",
  "rest-api",
  "delivery-fairness",
  "auto-disable-recover",
  "webhook-samples",
  "test-receivers",
  "postgres-instances",
  "postgres-faults",
];
const specFiles = (names: string[]) => new RegExp(`(^|/)(${names.join("|")})\\.spec\\.ts$`);
const POSTGRES_ONLY = /(^|\/)postgres-[^/]*\.spec\.ts$/;

/** What both e2e portals are configured with, besides their port and database. */
const portalEnv = {
  REGISTRY_NAME: E2E_REGISTRY,
  WEBHOOK_TIMEOUT_MS: String(E2E_WEBHOOK_TIMEOUT_MS),
  WEBHOOK_RETRY_SCHEDULE: E2E_RETRY_SCHEDULE,
  REGISTRY_NOTIFICATIONS_TOKEN: E2E_NOTIFICATIONS_TOKEN,
  METRICS_TOKEN: E2E_METRICS_TOKEN,
  // Above the 10,000 events the paging test seeds, so pruning cannot race it.
  WEBHOOK_EVENT_RETENTION: "20000",
  // Exactly the loopback receivers the tests start; e2e/outbound-policy runs without it.
  OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
  ADMIN_EMAIL: E2E_OWNER.email,
  ADMIN_PASSWORD: E2E_OWNER.password,
  // Two per page: e2e/scope-preview proves the registry's Link pagination with a few repositories.
  REGISTRY_API_PAGE_SIZE: "2",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig<object, TargetOptions>({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Headless Chromium on these 2-core machines takes 1-4 s per navigation while the suite runs
  // two workers: the longest flows (the Users spec signs in three browsers) need more than 30 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs each role in once; the specs start signed in as the Contributor unless they say otherwise.
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: POSTGRES_ONLY,
      use: { ...devices["Desktop Chrome"], storageState: E2E_STORAGE.contributor },
    },
    // The same, against the PostgreSQL portal: its own users, sessions and storage states.
    {
      name: "setup-postgres",
      testMatch: /auth\.setup\.ts/,
      use: { baseURL: E2E_POSTGRES_BASE_URL, target: POSTGRES_TARGET },
    },
    {
      name: "postgres",
      dependencies: ["setup-postgres"],
      testMatch: specFiles(POSTGRES_SPECS),
      use: {
        ...devices["Desktop Chrome"],
        baseURL: E2E_POSTGRES_BASE_URL,
        target: POSTGRES_TARGET,
        storageState: POSTGRES_TARGET.storage.contributor,
      },
    },
  ],
  // Started one after the other, in this order: the SQLite portal's script makes the production
  // build the PostgreSQL portal (and every extra portal a test starts) then reuses.
  webServer: [
    {
      name: "sqlite",
      command: "bash e2e/support/start-portal.sh",
      url: `${E2E_BASE_URL}/sign-in`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...portalEnv, PORT: String(E2E_PORT), DATABASE_URL: E2E_DATABASE_URL },
    },
    {
      name: "postgres",
      command: "node e2e/support/start-postgres-portal.mjs",
      url: `${E2E_POSTGRES_BASE_URL}/sign-in`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      // SIGTERM, so the launcher stops its PostgreSQL cluster after the portal.
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      env: {
        ...portalEnv,
        PORT: String(E2E_POSTGRES_PORTAL_PORT),
        DATABASE_URL: E2E_POSTGRES_DATABASE_URL,
        SECRET_KEY: E2E_POSTGRES_SECRET_KEY,
        E2E_POSTGRES_DIR,
        E2E_POSTGRES_PORT: String(E2E_POSTGRES_PORT),
      },
    },
  ],
});
