import { test as base } from "@playwright/test";
import { CreateWebhookForm } from "./create-webhook-form.mjs";
import { startReceiver } from "./receiver.mjs";
import { signedInState } from "./sign-in.mjs";
import { WebhooksBlade } from "./webhooks-blade.mjs";

// One sign-in per worker, portal and account: the sign-in page is rate-limited, and signing in
// before every test would spend most of a run on it.
const signedInStates = new Map();

export const test = base.extend({
  credentials: [undefined, { option: true }],
  registryName: [undefined, { option: true }],
  receiver: async ({}, use) => {
    const receiver = await startReceiver();
    await use(receiver);
    await receiver.close();
  },
  signedInState: async ({ credentials, browser, baseURL }, use) => {
    if (!credentials) return use(undefined);
    const key = JSON.stringify([baseURL ?? "", credentials.email]);
    if (!signedInStates.has(key)) {
      // Forgotten on failure, so the next test tries again rather than reusing the error.
      const state = signedInState(browser, credentials, baseURL);
      state.catch(() => signedInStates.delete(key));
      signedInStates.set(key, state);
    }
    await use(await signedInStates.get(key));
  },
  // Signed in when `credentials` are set; otherwise whatever storageState the project sets.
  storageState: async ({ storageState, signedInState: signedIn }, use) => use(signedIn ?? storageState),
  webhooksBlade: async ({ page, registryName }, use) => use(new WebhooksBlade(page, { registry: registryName })),
  createWebhookForm: async ({ page, registryName }, use) => use(new CreateWebhookForm(page, { registry: registryName })),
});
