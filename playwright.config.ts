import { defineConfig, devices } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATABASE_URL,
  E2E_PORT,
  E2E_NOTIFICATIONS_TOKEN,
  E2E_OUTBOUND_ALLOWLIST,
  E2E_OWNER,
  E2E_STORAGE,
  E2E_REGISTRY,
  E2E_RETRY_SCHEDULE,
  E2E_WEBHOOK_TIMEOUT_MS,
} from "./e2e/support/settings";

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
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
      use: { ...devices["Desktop Chrome"], storageState: E2E_STORAGE.contributor },
    },
  ],
  webServer: {
    command: "bash e2e/support/start-portal.sh",
    url: `${E2E_BASE_URL}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      DATABASE_URL: E2E_DATABASE_URL,
      REGISTRY_NAME: E2E_REGISTRY,
      WEBHOOK_TIMEOUT_MS: String(E2E_WEBHOOK_TIMEOUT_MS),
      WEBHOOK_RETRY_SCHEDULE: E2E_RETRY_SCHEDULE,
      REGISTRY_NOTIFICATIONS_TOKEN: E2E_NOTIFICATIONS_TOKEN,
      // Above the 10,000 events the paging test seeds, so pruning cannot race it.
      WEBHOOK_EVENT_RETENTION: "20000",
      // Exactly the loopback receivers the tests start; e2e/outbound-policy runs without it.
      OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
      ADMIN_EMAIL: E2E_OWNER.email,
      ADMIN_PASSWORD: E2E_OWNER.password,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
