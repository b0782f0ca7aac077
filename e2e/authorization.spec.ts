import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { expect, gotoBlade, gotoForm, listPath, notificationsUrl, seedWebhook, test, webhookUrl, REGISTRY } from "./fixtures";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { captureServerAction, replayServerAction, type CapturedAction } from "./support/server-actions";
import { E2E_BASE_URL, E2E_NOTIFICATIONS_TOKEN, E2E_STORAGE } from "./support/settings";

// The authorization matrix: what each role's pages offer, and the server refusing every
// action and route a role may not use, even when the request is made by hand.

type Role = keyof typeof E2E_STORAGE;
const ROLES: Role[] = ["owner", "contributor", "reader"];
const ANONYMOUS = { cookies: [], origins: [] };

const pageAs = async (browser: Browser, role: Role) => (await browser.newContext({ storageState: E2E_STORAGE[role] })).newPage();
const requestAs = (role: Role | "anonymous") =>
  playwrightRequest.newContext({ baseURL: E2E_BASE_URL, storageState: role === "anonymous" ? ANONYMOUS : E2E_STORAGE[role] });

/** Every control a role might be offered, where it lives, and the least role that gets it. */
const CONTROLS = [
  { where: "list", name: "Add", least: "contributor" },
  { where: "detail", name: "Ping", least: "contributor" },
  { where: "detail", name: "Configure", least: "contributor" },
  { where: "detail", name: "Redeliver failed events…", least: "contributor" },
  { where: "detail", name: "Delete", least: "contributor" },
  { where: "detail", name: "Show callback config", least: "contributor" },
  { where: "detail", name: "Generate signing secret", least: "contributor" },
  { where: "event", name: "Redeliver", least: "contributor" },
  { where: "registry", name: "Regenerate token", least: "contributor" },
  { where: "registries", name: "Add registry", least: "contributor" },
] as const;
const RANK: Record<Role, number> = { reader: 0, contributor: 1, owner: 2 };

const visibleButtons = async (page: Page, names: readonly string[]) => {
  const shown: string[] = [];
  for (const name of names) if (await page.getByRole("button", { name, exact: true }).isVisible()) shown.push(name);
  return shown;
};

test("each role is offered exactly the controls it may use", async ({ browser, db, receiver, uniqueName }) => {
  test.setTimeout(90_000); // Five pages for each of three roles.
  const name = uniqueName("matrix");
  await seedWebhook(db, { name, serviceUri: receiver.url("/matrix") });
  const contributor = await pageAs(browser, "contributor");
  await gotoBlade(contributor, webhookUrl(name));
  await contributor.getByRole("button", { name: "Ping" }).click();
  await expect(contributor.getByRole("status")).toHaveText("Ping sent: 200 OK");

  for (const role of ROLES) {
    const page = await pageAs(browser, role);
    const expected = CONTROLS.filter((control) => RANK[role] >= RANK[control.least]).map((control) => control.name);
    const shown: string[] = [];
    const namesAt = (where: string) => CONTROLS.filter((control) => control.where === where).map((control) => control.name);

    await gotoBlade(page, listPath);
    shown.push(...(await visibleButtons(page, namesAt("list"))));
    await gotoBlade(page, webhookUrl(name));
    shown.push(...(await visibleButtons(page, namesAt("detail"))));
    await page.getByRole("table", { name: "Events" }).getByRole("row").nth(1).click();
    await expect(page.getByRole("table", { name: "Attempts" })).toBeVisible();
    shown.push(...(await visibleButtons(page, namesAt("event"))));
    await page.goto(`/registries/${REGISTRY}`);
    await expect(page.getByLabel("Notifications endpoint")).toBeVisible();
    shown.push(...(await visibleButtons(page, namesAt("registry"))));
    await page.goto("/registries");
    await expect(page.getByRole("table", { name: "Registries" })).toBeVisible();
    shown.push(...(await visibleButtons(page, namesAt("registries"))));
    expect(shown, `controls offered to ${role}`).toEqual(expected);

    const nav = page.getByRole("navigation", { name: "Portal" });
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(role === "owner" ? 1 : 0);
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(role === "owner" ? 1 : 0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.context().close();
  }
});

test("the server refuses every webhook and registry action to a Reader (403) and to nobody (401), and nothing changes", async ({ browser, db, receiver, uniqueName }) => {
  const name = uniqueName("guarded");
  const target = "/guarded?key=guarded-secret";
  const webhook = await seedWebhook(db, { name, serviceUri: receiver.url(target) });
  const page = await pageAs(browser, "contributor");
  await gotoBlade(page, webhookUrl(name));
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");

  // Capture each action exactly as the Contributor's page sends it, without letting it run.
  const actions: Record<string, CapturedAction> = {};
  actions.ping = await captureServerAction(page, () => page.getByRole("button", { name: "Ping" }).click());
  actions.getCallbackConfig = await captureServerAction(page, () => page.getByRole("button", { name: "Show callback config" }).click());
  actions.rotateSigningSecret = await captureServerAction(page, () => page.getByRole("button", { name: "Generate signing secret" }).click());
  await page.getByRole("table", { name: "Events" }).getByRole("row").nth(1).click();
  actions.redeliver = await captureServerAction(page, () => page.getByRole("button", { name: "Redeliver", exact: true }).click());
  // A failed event, so the recovery dialog has something to send.
  const failed = await db.delivery.create({ data: { id: `${name}-failed`, webhookId: webhook.id, action: "push", payload: "{}", state: "failed" } });
  await page.getByRole("button", { name: "Redeliver failed events…" }).click();
  await expect(page.getByRole("dialog").getByText("1 event will be sent.")).toBeVisible();
  actions.recover = await captureServerAction(page, () => page.getByRole("dialog").getByRole("button", { name: "Redeliver", exact: true }).click());
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Delete" }).first().click();
  actions.deleteWebhook = await captureServerAction(page, () => page.getByRole("dialog").getByRole("button", { name: "Delete" }).click());
  await gotoForm(page, `${webhookUrl(name)}/configure`, "Save");
  await page.getByLabel("Scope").fill("changed:*");
  actions.updateWebhook = await captureServerAction(page, () => page.getByRole("button", { name: "Save" }).click());
  await gotoForm(page, `${listPath}/new`, "Create");
  await page.getByLabel("Webhook name").fill(uniqueName("intruder"));
  await page.getByLabel("Service URI").fill(receiver.url("/intruder"));
  actions.createWebhook = await captureServerAction(page, () => page.getByRole("button", { name: "Create" }).click());
  await page.goto(`/registries/${REGISTRY}`);
  await expect(page.getByRole("button", { name: "Regenerate token" })).toBeEnabled();
  actions.regenerateToken = await captureServerAction(page, () => page.getByRole("button", { name: "Regenerate token" }).click());
  await page.goto("/registries/new");
  await expect(page.getByRole("button", { name: "Add registry" })).toBeEnabled();
  await page.getByLabel("Registry name").fill(uniqueName("rogue"));
  await page.getByLabel("Host").fill("rogue.example:5000");
  actions.createRegistry = await captureServerAction(page, () => page.getByRole("button", { name: "Add registry" }).click());
  await page.context().close();

  const registryBefore = await db.registry.findUniqueOrThrow({ where: { name: REGISTRY } });
  const counts = async () => ({
    webhooks: await db.webhook.count(),
    registries: await db.registry.count(),
    deliveries: await db.delivery.count({ where: { webhookId: webhook.id } }),
  });
  const before = await counts();

  const expectations: [Role | "anonymous", number][] = [["reader", 403], ["anonymous", 401]];
  for (const [who, status] of expectations) {
    const request = await requestAs(who);
    for (const [action, captured] of Object.entries(actions)) {
      const response = await replayServerAction(request, captured);
      expect(response.status(), `${action} as ${who}`).toBe(status);
      expect(await response.text(), `${action} as ${who} leaks nothing`).not.toContain("guarded-secret");
    }
    await request.dispose();
  }

  expect(await counts()).toEqual(before);
  const stored = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
  expect(stored.scope).toBe("");
  expect(stored.signingSecret).toBe("");
  expect((await db.delivery.findUniqueOrThrow({ where: { id: failed.id } })).state).toBe("failed");
  expect((await db.registry.findUniqueOrThrow({ where: { name: REGISTRY } })).tokenHash).toBe(registryBefore.tokenHash);
  expect(receiver.requestsTo(target)).toHaveLength(1);

  // The same replayed request from a Contributor does run: the refusals above are the role's.
  const contributor = await requestAs("contributor");
  expect((await replayServerAction(contributor, actions.ping)).status()).toBe(200);
  await expect.poll(() => receiver.requestsTo(target).length).toBe(2);
  await contributor.dispose();
});

test("Owner-only pages and user actions are refused to Contributors and Readers", async ({ browser }) => {
  const owner = await pageAs(browser, "owner");
  await owner.goto("/users");
  await expect(owner.getByRole("button", { name: "Add user" })).toBeEnabled();
  const form = owner.getByRole("form", { name: "Add user" });
  await form.getByLabel("Name").fill("Never Added");
  await form.getByLabel("Email").fill("never-added@e2e.test");
  await form.getByLabel("Password").fill("never-added-password");
  const addUser = await captureServerAction(owner, () => form.getByRole("button", { name: "Add user" }).click());
  await owner.context().close();

  for (const role of ["contributor", "reader"] as const) {
    const request = await requestAs(role);
    for (const path of ["/users", "/audit"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), `${path} as ${role}`).toBe(403);
      expect(await response.text()).toContain("You do not have access");
    }
    expect((await replayServerAction(request, addUser)).status(), `addUser as ${role}`).toBe(403);
    await request.dispose();
  }
  const reader = await requestAs("reader");
  for (const path of ["/registries/new", `${listPath}/new`]) {
    expect((await reader.get(path, { maxRedirects: 0 })).status(), `${path} as reader`).toBe(403);
  }
  await reader.dispose();
  const owners = await requestAs("owner");
  expect((await owners.get("/users")).status()).toBe(200);
  await owners.dispose();
});

test("a Reader sees Essentials and events but never a secret, in pages or API output", async ({ browser, db, receiver, uniqueName }) => {
  const name = uniqueName("secretive");
  await seedWebhook(db, {
    name,
    serviceUri: `${receiver.url("/secretive")}?code=query-secret-value`,
    customHeaders: [["Authorization", "Bearer header-secret-value"]],
  });
  const contributor = await pageAs(browser, "contributor");
  await gotoBlade(contributor, webhookUrl(name));
  await contributor.getByRole("button", { name: "Ping" }).click();
  await expect(contributor.getByRole("status")).toHaveText("Ping sent: 200 OK");
  await contributor.context().close();

  const reader = await requestAs("reader");
  const eventsApi = `/api${webhookUrl(name)}/events`;
  const events = await reader.get(eventsApi);
  expect(events.status()).toBe(200);
  const eventId = (await events.json()).rows[0].id as string;
  const outputs = [
    await (await reader.get(webhookUrl(name))).text(),
    await (await reader.get(listPath)).text(),
    await events.text(),
    await (await reader.get(`${eventsApi}/${eventId}`)).text(),
  ];
  for (const output of outputs) {
    expect(output).not.toContain("query-secret-value");
    expect(output).not.toContain("header-secret-value");
  }
  expect(outputs[0]).toContain("code=******");
  await reader.dispose();
});

test("without signing in, pages send you to sign in and APIs answer 401; Distribution's endpoint needs only its token", async () => {
  const anonymous = await requestAs("anonymous");
  const page = await anonymous.get(webhookUrl("anything"), { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toBe(`/sign-in?next=${encodeURIComponent(webhookUrl("anything"))}`);
  const api = await anonymous.get(`/api${listPath}/anything/events`);
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("Unauthorized");
  const forged = await anonymous.get(`/api${listPath}/anything/events`, { headers: { Authorization: "Bearer rwt_not-a-token" } });
  expect(forged.status()).toBe(401);

  const notification = await anonymous.post(notificationsUrl(REGISTRY), {
    headers: { Authorization: `Bearer ${E2E_NOTIFICATIONS_TOKEN}`, "Content-Type": ENVELOPE_TYPE },
    data: JSON.stringify({ events: [manifestPush("anonymous-check", "v1")] }),
  });
  expect(notification.status()).toBe(200);
  await anonymous.dispose();
});
