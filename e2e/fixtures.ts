import type { Page } from "@playwright/test";
// The specs build on the QA kit, imported by the package's own name (its "exports" map), so
// the page objects and fixtures QA teams get are the ones this suite runs every day.
import { CreateWebhookForm, expect, test as kit, WebhooksBlade, type WebhookAction } from "registry-webhooks/testing";
import { hashToken } from "../lib/security/token-hash";
import { openDatabase } from "./support/database";
import { sealStored } from "./support/stored-secrets";
import { E2E_REGISTRY } from "./support/settings";
import { SQLITE_TARGET, type E2ETarget } from "./support/targets";

type Fixtures = {
  /** A webhook name unique to this test (webhook names are [a-z0-9]{5,50}). */
  uniqueName: (prefix: string) => string;
};
type WorkerFixtures = {
  /** The shared portal this project tests (set per project in playwright.config.ts). */
  target: E2ETarget;
  /** The target portal's database. */
  db: ReturnType<typeof openDatabase>;
};

// The kit brings `receiver` (a recording receiver per test) and the page-object fixtures.
export const test = kit.extend<Fixtures, WorkerFixtures>({
  target: [SQLITE_TARGET, { scope: "worker", option: true }],
  db: [
    async ({ target }, use) => {
      const db = openDatabase(target.databaseUrl);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  uniqueName: async ({}, use, testInfo) => {
    let counter = 0;
    const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}${testInfo.repeatEachIndex}`;
    await use((prefix) => `${prefix}${stamp}${counter++}`.replace(/[^a-z0-9]/g, "").slice(0, 50));
  },
});

export { expect };

export const REGISTRY = E2E_REGISTRY;

let emailCounter = 0;
/** An address no other test uses, so sign-in limits and unique emails never collide. */
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${process.pid}-${emailCounter++}@e2e.test`;
export const listPath = `/registries/${REGISTRY}/webhooks`;
export const webhookUrl = (name: string) => `${listPath}/${name}`;

/** Opens a form page and waits until React has hydrated it (its submit button turns enabled). */
export const gotoForm = async (page: Page, path: string, submitLabel: "Create" | "Save") => {
  await page.goto(path);
  await expect(page.getByRole("button", { name: submitLabel })).toBeEnabled();
};

/** Opens a blade and waits until its toolbar is live. */
export const gotoBlade = async (page: Page, path: string) => {
  await page.goto(path);
  await expect(page.getByRole("toolbar").getByRole("button").first()).toBeEnabled();
};

type NewWebhook = {
  name: string;
  serviceUri: string;
  customHeaders?: string;
  actions?: WebhookAction[];
  isEnabled?: boolean;
  scope?: string;
};

/** Fills and submits the Create webhook form (the kit's CreateWebhookForm), then waits for the detail page. */
export const createWebhookThroughUi = async (page: Page, webhook: NewWebhook) => {
  const form = await new CreateWebhookForm(page, { registry: REGISTRY }).goto();
  return form.create({ actions: ["Push"], ...webhook });
};

/** The default registry's Webhooks blade (the kit's page object). */
export const webhooksBlade = (page: Page, registry = REGISTRY) => new WebhooksBlade(page, { registry });

type SeededWebhook = {
  name: string;
  serviceUri: string;
  customHeaders?: [string, string][];
  status?: string;
  actions?: string;
  scope?: string;
  /** Defaults to the e2e portal's default registry. */
  registry?: string;
};

/** Seeds a webhook straight into the database, for tests about what happens after creation. */
export const seedWebhook = async (db: ReturnType<typeof openDatabase>, webhook: SeededWebhook) => {
  const registry = await db.registry.findUniqueOrThrow({ where: { name: webhook.registry ?? REGISTRY } });
  return db.webhook.create({
    data: {
      registryId: registry.id,
      name: webhook.name,
      // Encrypted, as the portal stores them.
      ...sealStored({ serviceUri: webhook.serviceUri, customHeaders: JSON.stringify(webhook.customHeaders ?? []) }),
      actions: webhook.actions ?? "push",
      status: webhook.status ?? "enabled",
      scope: webhook.scope ?? "",
    },
  });
};

/** Seeds a registry of its own for one test, with a known notifications token. */
export const seedRegistry = (db: ReturnType<typeof openDatabase>, name: string, token: string, host = "") =>
  db.registry.create({ data: { name, host, tokenHash: hashToken(token) } });

export const notificationsUrl = (registry: string) => `/api/registries/${registry}/notifications`;
