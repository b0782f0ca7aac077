// A QA project's playwright.config.ts for the registry-webhooks kit: copy it with
// webhooks.spec.ts. It reads where the portal is and who signs in from the environment.
import { defineConfig, devices } from "@playwright/test";
import type { KitOptions } from "registry-webhooks/testing";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see registry-webhooks' README, "Playwright kit for QA").`);
  return value;
};

export default defineConfig<KitOptions>({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    ...devices["Desktop Chrome"],
    // The portal under test, e.g. http://127.0.0.1:3000.
    baseURL: required("PORTAL_URL"),
    // A Contributor (or Owner): the kit signs in once per worker through the sign-in page.
    credentials: { email: required("PORTAL_EMAIL"), password: required("PORTAL_PASSWORD") },
    // Unset: the portal's default registry.
    registryName: process.env.PORTAL_REGISTRY || undefined,
    // A system Chromium (e.g. /usr/bin/chromium) instead of Playwright's download, if set.
    launchOptions: process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {},
  },
});
