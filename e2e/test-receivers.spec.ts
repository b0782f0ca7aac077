import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, gotoBlade, gotoForm, listPath, seedWebhook, test, webhookUrl } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { openDatabase } from "./support/database";
import { freshPortalDatabase } from "./support/portal-database";
import { startPortal } from "./support/portal-process";
import { E2E_OWNER } from "./support/settings";
import { signIn } from "./support/sign-in";

// The built-in test receiver (README, "Test receivers"): a request bin at /api/receivers/{id}
// that records what arrives and answers 200, 500 or too late, and the one exception it makes
// to the outbound policy.

const ping = async (page: Page) => {
  await page.getByRole("button", { name: "Ping" }).click();
  return page.getByRole("status");
};

/** An id of the right shape that no receiver has. */
const unknownId = () => randomBytes(24).toString("base64url");

const receivedRows = (page: Page) => page.getByRole("table", { name: "Received requests" }).getByRole("row");

/** Creates a receiver on the Test receivers page; returns its id and URL from its own page. */
const createReceiverThroughUi = async (page: Page, name: string, baseUrl = "") => {
  await page.goto(`${baseUrl}/test-receivers`);
  await page.getByLabel("Receiver name").fill(name);
  await expect(page.getByRole("button", { name: "Create receiver" })).toBeEnabled();
  await page.getByRole("button", { name: "Create receiver" }).click();
  await expect(page).toHaveURL(/\/test-receivers\/[A-Za-z0-9_-]{32}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const url = await page.getByLabel("Receiver URL").inputValue();
  return { id: url.split("/").at(-1)!, url };
};

test.describe("Test receivers", () => {
  test("a webhook pointed at a receiver through the form shows its pings live on the receiver's page, and 500 when set to", async ({ page, context, db, uniqueName }) => {
    const receiverName = `bin ${uniqueName("r")}`;
    await page.goto("/registries");
    await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Test receivers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Test receivers" })).toBeVisible();
    const { id, url } = await createReceiverThroughUi(page, receiverName);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/receivers/${id}$`));
    await expect(receivedRows(page)).toHaveCount(1);
    await expect(page.getByText("Nothing has arrived yet.")).toBeVisible();
    await expectNoSeriousViolations(page);

    // The Create form's "Use a test receiver" fills Service URI with the receiver's URL.
    const name = uniqueName("recv");
    const form = await context.newPage();
    await gotoForm(form, `${listPath}/new`, "Create");
    await form.getByLabel("Webhook name").fill(name);
    await form.getByRole("button", { name: "Use a test receiver" }).click();
    const picker = form.getByRole("dialog", { name: "Use a test receiver" });
    await expect(picker.getByRole("button", { name: `Use ${receiverName}` })).toBeVisible();
    await expectNoSeriousViolations(form);
    await picker.getByRole("button", { name: `Use ${receiverName}` }).click();
    await expect(picker).toBeHidden();
    await expect(form.getByLabel("Service URI")).toHaveValue(url);
    await form.getByRole("button", { name: "Create" }).click();
    await expect(form).toHaveURL(webhookUrl(name));

    // Ping: the receiver's page (open all along, not reloaded) shows the request as it arrives.
    await expect(await ping(form)).toHaveText("Ping sent: 200 OK");
    await expect(receivedRows(page)).toHaveCount(2);
    const first = receivedRows(page).nth(1);
    await expect(first.getByRole("cell").nth(1)).toHaveText("POST");
    await first.getByRole("button").click();
    const details = page.getByRole("region", { name: "Request details" });
    const headers = details.getByRole("table", { name: "Request headers" });
    await expect(headers.getByRole("row", { name: /^user-agent registry-webhooks\// })).toBeVisible();
    await expect(headers.getByRole("row", { name: "content-type application/json" })).toBeVisible();
    const delivery = await db.delivery.findFirstOrThrow({ where: { webhook: { name } }, orderBy: { seq: "desc" } });
    await expect(details.getByLabel("Request body")).toHaveText(delivery.payload);
    expect(JSON.parse(delivery.payload)).toMatchObject({ action: "ping" });
    await expectNoSeriousViolations(page);
    if (process.env.TEST_RECEIVERS_SCREENSHOT) await page.screenshot({ path: path.resolve("docs/test-receivers.png"), fullPage: true });

    // Set to 500: the next ping's event shows the 500, and the request is still recorded.
    await page.getByRole("combobox", { name: "Answers with" }).selectOption({ label: "500 Internal Server Error" });
    await expect(page.getByText("Applies to the next request.")).toBeVisible();
    await expect.poll(async () => (await db.testReceiver.findUniqueOrThrow({ where: { id } })).mode).toBe("error");
    await expect(await ping(form)).toHaveText("Ping sent: 500 Internal Server Error");
    const eventRow = form.getByRole("table", { name: "Events" }).getByRole("row").nth(1);
    await expect(eventRow.getByRole("cell").nth(4)).toHaveText("500 Internal Server Error");
    await expect(receivedRows(page)).toHaveCount(3);
    expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(2);

    // Deleted from the list, it answers 404 at once and its requests are gone; both are audited.
    await page.goto("/test-receivers");
    await page.getByRole("button", { name: `Delete ${receiverName}` }).click();
    await expect(page.getByRole("table", { name: "Test receivers" }).getByText(receiverName)).toHaveCount(0);
    expect((await page.request.post(url, { data: {} })).status()).toBe(404);
    expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(0);
    const audited = await db.auditEntry.findMany({ where: { target: receiverName }, orderBy: { createdAt: "asc" } });
    expect(audited.map((entry) => entry.action)).toEqual(["test-receiver.create", "test-receiver.set-mode", "test-receiver.delete"]);
  });

  test("a receiver keeps only the first 64 KiB of a body, and past 60 requests a minute answers 429 and records nothing", async ({ request, db, uniqueName }) => {
    const id = unknownId();
    await db.testReceiver.create({ data: { id, name: uniqueName("bounded"), createdBy: "e2e", expiresAt: new Date(Date.now() + 60_000) } });
    const big = "x".repeat(70 * 1024);
    expect((await request.post(`/api/receivers/${id}`, { data: big, headers: { "Content-Type": "text/plain" } })).status()).toBe(200);
    const [stored] = await db.testReceiverRequest.findMany({ where: { receiverId: id } });
    expect(stored.isTruncated).toBe(true);
    expect(stored.body).toBe(big.slice(0, 64 * 1024));

    for (let sent = 1; sent < 60; sent += 1) expect((await request.get(`/api/receivers/${id}?n=${sent}`)).status()).toBe(200);
    const refused = await request.get(`/api/receivers/${id}?n=60`);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await refused.json()).error.message).toMatch(/^This test receiver takes at most 60 requests a minute; try again in \d+ s\. Nothing was recorded\.$/);
    expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(60);
  });

  test("slow: the receiver answers only after the webhook timeout, so the ping times out", async ({ page, db, uniqueName }) => {
    const { url, id } = await createReceiverThroughUi(page, `slow ${uniqueName("r")}`);
    await page.getByRole("combobox", { name: "Answers with" }).selectOption({ label: "Slow (answers after the webhook timeout)" });
    await expect.poll(async () => (await db.testReceiver.findUniqueOrThrow({ where: { id } })).mode).toBe("slow");
    const name = uniqueName("slow");
    await seedWebhook(db, { name, serviceUri: url });
    await gotoBlade(page, webhookUrl(name));
    await expect(await ping(page)).toHaveText(/^Ping sent: Timed out after/);
    expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(1);
  });

  test("an unknown or expired receiver answers 404 to every method and records nothing; a live one takes any method", async ({ request, db, uniqueName }) => {
    const missing = unknownId();
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await request.fetch(`/api/receivers/${missing}`, { method, data: method === "GET" ? undefined : "{}" });
      expect(response.status(), method).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "ReceiverNotFound", message: expect.stringContaining("No test receiver") } });
    }
    expect((await request.head(`/api/receivers/${missing}`)).status()).toBe(404);
    expect((await request.post("/api/receivers/not-an-id")).status()).toBe(404);
    expect(await db.testReceiverRequest.count({ where: { receiverId: missing } })).toBe(0);

    const expired = unknownId();
    await db.testReceiver.create({ data: { id: expired, name: uniqueName("expired"), createdBy: "e2e", expiresAt: new Date(Date.now() - 1000) } });
    expect((await request.post(`/api/receivers/${expired}`, { data: { hello: "world" } })).status()).toBe(404);
    expect(await db.testReceiverRequest.count({ where: { receiverId: expired } })).toBe(0);

    const live = unknownId();
    await db.testReceiver.create({ data: { id: live, name: uniqueName("live"), createdBy: "e2e", expiresAt: new Date(Date.now() + 60_000) } });
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) {
      const response = await request.fetch(`/api/receivers/${live}?try=${method}`, { method, headers: { Cookie: "session=secret" } });
      expect(response.status(), method).toBe(200);
    }
    const recorded = await db.testReceiverRequest.findMany({ where: { receiverId: live }, orderBy: { id: "asc" } });
    expect(recorded.map((row) => row.method)).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]);
    expect(recorded.map((row) => row.query)).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"].map((method) => `try=${method}`));
    // A browser's cookies (the portal's session among them) are never kept.
    expect(recorded.every((row) => !row.headers.includes("session=secret"))).toBe(true);
  });

  test.describe("as a Reader", () => {
    // The project's own Reader (SQLite or PostgreSQL portal).
    test.use({ storageState: async ({ target }, use) => use(target.storage.reader) });

    test("sees the receivers but cannot create or delete them, nor open what they got", async ({ page, db, uniqueName }) => {
      const id = unknownId();
      const name = uniqueName("readerview");
      await db.testReceiver.create({ data: { id, name, createdBy: "e2e", expiresAt: new Date(Date.now() + 60_000) } });
      await page.goto("/test-receivers");
      const table = page.getByRole("table", { name: "Test receivers" });
      await expect(table.getByRole("row", { name: new RegExp(name) })).toBeVisible();
      await expect(table.getByRole("link", { name })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
      await expect(page.getByRole("form", { name: "New test receiver" })).toHaveCount(0);
      await expectNoSeriousViolations(page);
      const response = await page.goto(`/test-receivers/${id}`);
      expect(response?.status()).toBe(403);
    });
  });
});

test.describe("the outbound policy and the portal's own receivers", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test("with no allowlist, a ping reaches the portal's own receiver URL, and nothing else on loopback", async ({ page, receiver, target }) => {
    const database = await freshPortalDatabase(target, { name: "test_receivers_policy", sqlitePortOffset: 1021, postgresPortOffset: 1022 });
    const portalUrl = `http://127.0.0.1:${database.port}`;
    const registryName = "receiverpolicy";
    const portal = await startPortal(database.port, {
      ...database.env,
      REGISTRY_NAME: registryName,
      WEBHOOK_TIMEOUT_MS: "2000",
      OUTBOUND_ALLOWLIST: "",
      PORTAL_URL: portalUrl,
    });
    const db = openDatabase(database.env.DATABASE_URL);
    try {
      await signIn(page, E2E_OWNER, portal.url);
      const { id, url } = await createReceiverThroughUi(page, "policy bin", portal.url);
      expect(url).toBe(`${portalUrl}/api/receivers/${id}`);
      const otherPort = new URL(receiver.url("/")).port;
      const targets = {
        own: url,
        health: `${portalUrl}/api/health`,
        dotted: `${portalUrl}/api/receivers/${id}/../../health`,
        otherport: `http://127.0.0.1:${otherPort}/api/receivers/${id}`,
        localhost: `http://localhost:${database.port}/api/receivers/${id}`,
      };
      for (const [suffix, serviceUri] of Object.entries(targets)) await seedWebhook(db, { name: `hook${suffix}`, serviceUri, registry: registryName });

      await gotoBlade(page, `${portal.url}/registries/${registryName}/webhooks/hookown`);
      await expect(page.getByText(/Deliveries to this service URI will be refused/)).toBeHidden();
      await expect(await ping(page)).toHaveText("Ping sent: 200 OK");
      expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(1);

      for (const suffix of ["health", "dotted", "otherport", "localhost"]) {
        await gotoBlade(page, `${portal.url}/registries/${registryName}/webhooks/hook${suffix}`);
        await expect(page.getByText(/Deliveries to this service URI will be refused: .* is a loopback address/)).toBeVisible();
        await expect(await ping(page)).toHaveText(/^Ping sent: Blocked by outbound policy: .*is a loopback address\. Set OUTBOUND_ALLOWLIST to allow it$/);
      }
      expect(receiver.requests).toHaveLength(0);
      expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(1);
    } finally {
      await portal.kill("SIGTERM");
      await db.$disconnect();
      await database.drop();
    }
  });
});
