import type { Page } from "@playwright/test";
import { expect, gotoBlade, gotoForm, listPath, REGISTRY, seedWebhook, test, webhookUrl } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { E2E_STORAGE } from "./support/settings";

// Every page, audited with axe-core (WCAG 2.1 A and AA, and best practices) once it has
// hydrated: no serious or critical violation. Signed in as the Contributor unless a block says
// otherwise, so the pages show their Add, Ping, Configure and Delete commands.

/** Opens a page and waits for its heading and for the control that turns enabled on hydration. */
const gotoSettled = async (page: Page, path: string, heading: string, hydratedControl: string) => {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("button", { name: hydratedControl, exact: true })).toBeEnabled();
};

test.describe("as a Contributor", () => {
  test("the webhooks list, with a webhook in it, has no serious or critical accessibility violations", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("axelist");
    await seedWebhook(db, { name, serviceUri: receiver.url("/axe") });
    await gotoBlade(page, listPath);
    await expect(page.getByRole("heading", { level: 1, name: `${REGISTRY} | Webhooks` })).toBeVisible();
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("the Create webhook form has no serious or critical accessibility violations", async ({ page }) => {
    await gotoForm(page, `${listPath}/new`, "Create");
    await expect(page.getByRole("heading", { level: 1, name: "Create webhook" })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("a webhook's page, freshly loaded, has no serious or critical accessibility violations", async ({ page, db, receiver, uniqueName }) => {
    // Its dialogs (Delete, Redeliver failed events) are mounted on first use only: a closed Fluent
    // Dialog still starts Tabster's modalizer, whose focusable aria-hidden guards on <body> fail axe.
    const name = uniqueName("axefresh");
    await seedWebhook(db, { name, serviceUri: receiver.url("/axe") });
    await gotoBlade(page, webhookUrl(name));
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("a webhook's page with an event's request and response open has no serious or critical accessibility violations", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("axedetail");
    await seedWebhook(db, { name, serviceUri: receiver.url("/axe"), customHeaders: [["X-Team", "qa"]] });
    await gotoBlade(page, webhookUrl(name));
    await page.getByRole("button", { name: "Ping" }).click();
    await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
    // Opened from the events table, as an admin would after a reload.
    await gotoBlade(page, webhookUrl(name));
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const [sent] = receiver.requestsTo("/axe");
    await page.getByRole("table", { name: "Events" }).getByRole("button", { name: JSON.parse(sent.body).id }).click();
    await expect(page.getByRole("tab", { name: "Request" })).toBeVisible();
    await expect(page.getByRole("tabpanel", { name: "Request" }).getByLabel("Request body")).toContainText(`"action": "ping"`);
    await expectNoSeriousViolations(page);

    await page.getByRole("tab", { name: "Response" }).click();
    await expect(page.getByRole("tabpanel", { name: "Response" })).toContainText("Status: 200 OK");
    await expectNoSeriousViolations(page);
  });

  test("the Configure webhook form has no serious or critical accessibility violations", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("axeconf");
    await seedWebhook(db, { name, serviceUri: receiver.url("/axe") });
    await gotoForm(page, `${webhookUrl(name)}/configure`, "Save");
    await expect(page.getByRole("heading", { level: 1, name: `Configure ${name}` })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("the registries list has no serious or critical accessibility violations", async ({ page }) => {
    await gotoBlade(page, "/registries");
    await expect(page.getByRole("heading", { level: 1, name: "Registries" })).toBeVisible();
    await expect(page.getByRole("link", { name: REGISTRY, exact: true })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("a registry's page with its notifications setup has no serious or critical accessibility violations", async ({ page }) => {
    await gotoSettled(page, `/registries/${REGISTRY}`, REGISTRY, "Regenerate token");
    await expectNoSeriousViolations(page);
  });

  test("the profile page with its API tokens has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create token" })).toBeEnabled();
    await expectNoSeriousViolations(page);
  });
});

test.describe("keyboard", () => {
  const focused = (page: Page) => page.locator(":focus");

  test("a toolbar is one Tab stop, its arrow keys, Home and End move between its buttons, and Tab comes back to the last one", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("axekeys");
    await seedWebhook(db, { name, serviceUri: receiver.url("/axe") });
    await gotoBlade(page, webhookUrl(name));
    const toolbar = page.getByRole("toolbar", { name: "Webhook commands" });
    const button = (label: string) => toolbar.getByRole("button", { name: label, exact: true });
    await button("Ping").focus();

    await page.keyboard.press("ArrowRight");
    await expect(button("Refresh")).toBeFocused();
    await page.keyboard.press("End");
    await expect(button("Delete")).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(button("Ping")).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(button("Delete")).toBeFocused();
    await page.keyboard.press("Home");
    await expect(button("Ping")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(button("Refresh")).toBeFocused();

    // Tab leaves the toolbar at once, and Shift+Tab returns to the button last used.
    await page.keyboard.press("Tab");
    await expect(focused(page)).toHaveCount(1);
    expect(await toolbar.locator(":focus").count()).toBe(0);
    await page.keyboard.press("Shift+Tab");
    await expect(button("Refresh")).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    expect(await toolbar.locator(":focus").count()).toBe(0);
  });

  test("an event's tabs are one Tab stop: arrow keys move focus, Enter selects, and Tab comes back to the selected tab", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("axetabs");
    await seedWebhook(db, { name, serviceUri: receiver.url("/axe") });
    await gotoBlade(page, webhookUrl(name));
    await page.getByRole("button", { name: "Ping" }).click();
    await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
    const tabs = page.getByRole("tablist");
    const request = tabs.getByRole("tab", { name: "Request" });
    const response = tabs.getByRole("tab", { name: "Response" });
    await expect(request).toHaveAttribute("aria-selected", "true");
    await request.focus();

    await page.keyboard.press("ArrowRight");
    await expect(response).toBeFocused();
    await expect(request).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowRight");
    await expect(request).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await expect(response).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(response).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel", { name: "Response" })).toContainText("Status: 200 OK");

    await page.keyboard.press("ArrowLeft");
    await expect(request).toBeFocused();
    // Tab leaves the tab list; Shift+Tab comes back to the selected tab, not the focused one.
    await page.keyboard.press("Tab");
    expect(await tabs.locator(":focus").count()).toBe(0);
    await page.keyboard.press("Shift+Tab");
    await expect(response).toBeFocused();
  });
});

test.describe("as an Owner", () => {
  test.use({ storageState: E2E_STORAGE.owner });

  test("the Users page has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Add user" }).getByRole("button", { name: "Add user" })).toBeEnabled();
    await expectNoSeriousViolations(page);
  });

  test("the audit log has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit log" }).getByRole("row").nth(1)).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolations(page);
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has no serious or critical accessibility violations", async ({ page }) => {
    await gotoSettled(page, "/sign-in", "Sign in", "Sign in");
    await expectNoSeriousViolations(page);
  });
});
