// registry-webhooks/testing: the Playwright kit for QA teams (README, "Playwright kit for QA").
// Plain JavaScript on purpose: Playwright does not transpile TypeScript inside node_modules.
// Its types are in index.d.mts; its locators (roles and accessible names) are the contract.
export { expect } from "@playwright/test";
export { CreateWebhookForm } from "./create-webhook-form.mjs";
export { EVENT_COLUMNS, EventsTable } from "./events-table.mjs";
export { test } from "./fixtures.mjs";
export { listPath, webhookPath } from "./paths.mjs";
export { startReceiver } from "./receiver.mjs";
export { signedInState, signIn } from "./sign-in.mjs";
export { WebhookPage } from "./webhook-page.mjs";
export { WebhooksBlade } from "./webhooks-blade.mjs";

let counter = 0;
/** A webhook name no other test uses: lowercase letters and digits, 5 to 50 of them. */
export const uniqueWebhookName = (prefix = "qa") =>
  `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`.replace(/[^a-z0-9]/g, "").slice(0, 50);
