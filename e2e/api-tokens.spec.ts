import { request as playwrightRequest } from "@playwright/test";
import { expect, seedWebhook, test, webhookUrl } from "./fixtures";
import { createApiTokenThroughUi } from "./support/api-tokens";
import { captureServerAction, replayServerAction } from "./support/server-actions";
import { E2E_BASE_URL, E2E_CONTRIBUTOR, E2E_STORAGE } from "./support/settings";

// Personal API tokens on the profile page: shown once, listed by prefix, revocable, and
// never with more rights than their user.

const bearer = (token: string) => playwrightRequest.newContext({
  baseURL: E2E_BASE_URL,
  storageState: { cookies: [], origins: [] },
  extraHTTPHeaders: { Authorization: `Bearer ${token}` },
});

test("a token is shown once, works as a bearer token, is listed by its prefix, and stops working when revoked", async ({ page, db, receiver, uniqueName }) => {
  const webhook = uniqueName("tokened");
  await seedWebhook(db, { name: webhook, serviceUri: receiver.url("/tokened") });
  const name = uniqueName("pipeline");

  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: E2E_CONTRIBUTOR.name })).toBeVisible();
  const form = page.getByRole("form", { name: "New API token" });
  await expect(form.getByRole("button", { name: "Create token" })).toBeEnabled();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Enter a name that says what the token is for.")).toBeVisible();
  await form.getByLabel("Token name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Token (shown once)").inputValue();
  expect(token).toMatch(/^rwt_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${token.slice(0, 8)}…`);
  await expect(row).toContainText("Contributor");
  await expect(row).toContainText("Never used");

  const api = await bearer(token);
  expect((await api.get(`/api${webhookUrl(webhook)}/events`)).status()).toBe(200);
  await page.reload();
  expect(await page.content()).not.toContain(token);
  await expect(row).not.toContainText("Never used");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toHaveCount(0);
  const revoked = await api.get(`/api${webhookUrl(webhook)}/events`);
  expect(revoked.status()).toBe(401);
  await api.dispose();
});

test("a Reader is offered only Reader tokens, and the server refuses a stronger one", async ({ page, browser, db, uniqueName }) => {
  await page.goto("/profile");
  const form = page.getByRole("form", { name: "New API token" });
  await expect(form.getByRole("button", { name: "Create token" })).toBeEnabled();
  await form.getByLabel("Token name").fill(uniqueName("strong"));
  await form.getByLabel("Role").selectOption("contributor");
  const strongToken = await captureServerAction(page, () => form.getByRole("button", { name: "Create token" }).click());

  const reader = await browser.newContext({ storageState: E2E_STORAGE.reader });
  const readerPage = await reader.newPage();
  await readerPage.goto("/profile");
  await expect(readerPage.getByLabel("Role").locator("option")).toHaveText(["Reader"]);
  const replayed = await replayServerAction(reader.request, strongToken);
  expect(await replayed.text()).toContain("A token cannot have more rights than you: your role is Reader.");
  const readerUser = await db.user.findUniqueOrThrow({ where: { email: "reader@e2e.test" } });
  expect(await db.apiToken.count({ where: { userId: readerUser.id, role: "contributor" } })).toBe(0);

  // A Reader's own token reads but cannot change anything.
  const token = await createApiTokenThroughUi(browser, "reader", { name: uniqueName("readonly") });
  expect(token).toMatch(/^rwt_/);
  await reader.close();
});
