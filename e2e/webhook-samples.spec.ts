import type { APIRequestContext, Page } from "@playwright/test";
import { WebhookPage } from "registry-webhooks/testing";
import { expect, gotoBlade, REGISTRY, seedRegistry, seedWebhook, test, webhookUrl } from "./fixtures";
import { createApiTokenThroughUi, tokenContext } from "./support/api-tokens";
import { expectNoSeriousViolations } from "./support/axe";
import { runCli } from "./support/cli";
import type { ReceivedRequest } from "./support/receiver";
import { isSignedBy, toCloudEvent } from "./support/receiver-checks";
import { currentTarget } from "./support/targets";

// "Send sample" (issue 15, item 2): a made-up push or delete, sent from the webhook's page, the
// REST API and the CLI to a real receiver on loopback, in each payload format, marked as a
// sample, signed, recorded in the events table, and limited together with Ping.

const SAMPLE_HEADER = "x-registry-webhooks-sample";
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const BAD_BODY = 'The sample request is not valid: send { "action": "push" } or { "action": "delete" }.';

let contributorToken = "";
let contributor: APIRequestContext;

test.beforeAll(async ({ browser }) => {
  contributorToken = await createApiTokenThroughUi(browser, "contributor", { name: `samples-${Date.now()}` });
  contributor = await tokenContext(contributorToken);
});

test.afterAll(async () => {
  await contributor.dispose();
});

const eventsTable = (page: Page) => page.getByRole("table", { name: "Events" });
const firstEventRow = (page: Page) => eventsTable(page).getByRole("row").nth(1);

/** Send sample → the item; waits for the blade's answer and returns what the receiver got at `path`. */
const sendSampleFromPage = async (page: Page, item: "Sample push" | "Sample delete", requests: () => ReceivedRequest[]) => {
  const before = requests().length;
  // Through the QA kit's page object, so its Send sample stays in step with the page.
  const webhookPage = new WebhookPage(page, decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!));
  expect(await webhookPage.sendSample(item === "Sample push" ? "push" : "delete")).toBe(`${item} sent: 200 OK`);
  expect(requests()).toHaveLength(before + 1);
  return requests()[before];
};

const samplePath = (registry: string, webhook: string) => `/api/registries/${registry}/webhooks/${webhook}/sample`;

test("from the page, a sample push and delete arrive marked, signed, in ACR's shape, and are events like any other", async ({ page, db, receiver, uniqueName }) => {
  const registry = uniqueName("samplereg");
  await seedRegistry(db, registry, `token-${registry}`, "registry.e2e.test:5000");
  const name = uniqueName("acrsample");
  await seedWebhook(db, { registry, name, serviceUri: receiver.url("/acr"), actions: "push,delete", scope: "team/api:*", customHeaders: [["X-Team", "qa"]] });
  const blade = `/registries/${registry}/webhooks/${name}`;
  await gotoBlade(page, blade);

  // The menu works from the keyboard and, open, passes axe; its items are the two samples.
  const menuButton = page.getByRole("button", { name: "Send sample" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem")).toHaveText(["Sample push", "Sample delete"]);
  await expect(page.getByRole("menuitem", { name: "Sample push" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Sample delete" })).toBeFocused();
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(menuButton).toBeFocused();
  // Down Arrow opens it too (the menu button pattern), instead of moving along the toolbar.
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Sample push" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menuButton).toBeFocused();

  await page.getByRole("button", { name: "Generate signing secret" }).click();
  const secretBox = page.getByLabel("Signing secret");
  await expect(secretBox).toHaveValue(/^whsec_/);
  const secret = await secretBox.inputValue();

  const requests = () => receiver.requestsTo("/acr");
  const push = await sendSampleFromPage(page, "Sample push", requests);
  expect(push.headers[SAMPLE_HEADER]).toBe("true");
  expect(push.headers["x-team"]).toBe("qa");
  expect(push.headers["content-type"]).toBe("application/json");
  expect(isSignedBy(secret, push)).toBe(true);
  const pushed = JSON.parse(push.body);
  // The keys and order of a real push (lib/registry/acr-events.ts), the image from the scope.
  expect(Object.keys(pushed)).toEqual(["id", "timestamp", "action", "target", "request"]);
  expect(push.headers["webhook-id"]).toBe(pushed.id);
  expect(pushed.action).toBe("push");
  expect(Object.keys(pushed.target)).toEqual(["mediaType", "size", "digest", "length", "repository", "tag"]);
  expect(pushed.target).toMatchObject({ mediaType: "application/vnd.oci.image.manifest.v1+json", repository: "team/api", tag: "v1" });
  expect(pushed.target.digest).toMatch(DIGEST);
  expect(pushed.target.size).toBeGreaterThan(0);
  expect(pushed.target.length).toBe(pushed.target.size);
  expect(pushed.request).toMatchObject({ host: "registry.e2e.test:5000", method: "PUT" });
  expect(Date.now() - Date.parse(pushed.timestamp)).toBeLessThan(60_000);

  await expect(firstEventRow(page)).toContainText(pushed.id);
  await expect(firstEventRow(page)).toContainText("sample-push");
  await expect(firstEventRow(page)).toContainText("team/api:v1");
  await expect(firstEventRow(page)).toContainText("200 OK");

  const deletion = await sendSampleFromPage(page, "Sample delete", requests);
  expect(deletion.headers[SAMPLE_HEADER]).toBe("true");
  expect(isSignedBy(secret, deletion)).toBe(true);
  const deleted = JSON.parse(deletion.body);
  expect(Object.keys(deleted)).toEqual(["id", "timestamp", "action", "target", "request"]);
  expect(deleted.action).toBe("delete");
  expect(deleted.target).toEqual({ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: pushed.target.digest, repository: "team/api" });
  expect(deleted.request).toMatchObject({ method: "DELETE" });
  await expect(firstEventRow(page)).toContainText(deleted.id);
  await expect(firstEventRow(page)).toContainText("sample-delete");
  await expect(firstEventRow(page)).toContainText(`team/api@${pushed.target.digest}`);

  const stored = await db.delivery.findMany({ where: { webhook: { name } }, orderBy: { seq: "asc" } });
  expect(stored.map(({ id, action, state, payload }) => ({ id, action, state, payload }))).toEqual([
    { id: pushed.id, action: "sample-push", state: "delivered", payload: push.body },
    { id: deleted.id, action: "sample-delete", state: "delivered", payload: deletion.body },
  ]);

  // Its request and response are in the event's details, and Redeliver sends it again, still a sample.
  await eventsTable(page).getByRole("row").filter({ hasText: pushed.id }).click();
  await expect(page.getByRole("tabpanel", { name: "Request" })).toContainText("X-Registry-Webhooks-Sample:");
  await expect(page.getByRole("tabpanel", { name: "Request" }).getByLabel("Request body")).toContainText(`"repository": "team/api"`);
  await page.getByRole("button", { name: "Redeliver", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Redeliver sent: 200 OK");
  expect(requests()).toHaveLength(3);
  const again = requests()[2];
  expect(again.body).toBe(push.body);
  expect(again.headers[SAMPLE_HEADER]).toBe("true");
  expect(isSignedBy(secret, again)).toBe(true);
  expect(await db.attempt.count({ where: { deliveryId: pushed.id } })).toBe(2);

  // A real event is not marked.
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
  expect(requests()[3].headers[SAMPLE_HEADER]).toBeUndefined();
});

test("CloudEvents and chat webhooks get samples in their own format, marked there too", async ({ page, db, receiver, uniqueName }) => {
  const ce = uniqueName("cesample");
  const chat = uniqueName("chatsample");
  for (const [name, path, payloadFormat] of [[ce, "/ce", "cloudevents"], [chat, "/chat", "chat"]] as const) {
    const { id } = await seedWebhook(db, { name, serviceUri: receiver.url(path), actions: "push,delete" });
    await db.webhook.update({ where: { id }, data: { payloadFormat } });
  }

  await gotoBlade(page, webhookUrl(ce));
  const ceRequests = () => receiver.requestsTo("/ce");
  for (const [item, type, subject] of [
    ["Sample push", "io.registrywebhooks.image.pushed", /^samples\/hello-world:v1$/],
    ["Sample delete", "io.registrywebhooks.image.deleted", /^samples\/hello-world@sha256:[0-9a-f]{64}$/],
  ] as const) {
    const got = await sendSampleFromPage(page, item, ceRequests);
    expect(got.headers["content-type"]).toBe("application/cloudevents+json");
    expect(got.headers[SAMPLE_HEADER]).toBe("true");
    const event = toCloudEvent(got);
    expect(event).toMatchObject({ specversion: "1.0", type, source: `/registries/${REGISTRY}`, datacontenttype: "application/json", sample: true });
    expect(event.subject).toMatch(subject);
    expect(event.data).toMatchObject({ id: event.id, action: item === "Sample push" ? "push" : "delete", target: { repository: "samples/hello-world" } });
  }

  await gotoBlade(page, webhookUrl(chat));
  const chatRequests = () => receiver.requestsTo("/chat");
  const chatPush = await sendSampleFromPage(page, "Sample push", chatRequests);
  expect(chatPush.headers[SAMPLE_HEADER]).toBe("true");
  expect(JSON.parse(chatPush.body).text).toMatch(new RegExp(`^\\[Sample\\] Pushed samples/hello-world:v1 \\(sha256:[0-9a-f]{12}…\\) to ${REGISTRY}$`));
  const chatDelete = await sendSampleFromPage(page, "Sample delete", chatRequests);
  expect(JSON.parse(chatDelete.body).text).toMatch(new RegExp(`^\\[Sample\\] Deleted samples/hello-world \\(sha256:[0-9a-f]{12}…\\) from ${REGISTRY}$`));
});

test("a sample is offered only for the webhook's actions, and a disabled webhook gets one, as Ping", async ({ page, db, receiver, uniqueName }) => {
  const name = uniqueName("pushonly");
  await seedWebhook(db, { name, serviceUri: receiver.url("/pushonly"), actions: "push", status: "disabled" });
  await gotoBlade(page, webhookUrl(name));
  await page.getByRole("button", { name: "Send sample" }).click();
  await expect(page.getByRole("menuitem", { name: "Sample delete" })).toBeDisabled();
  await page.keyboard.press("Escape");

  const got = await sendSampleFromPage(page, "Sample push", () => receiver.requestsTo("/pushonly"));
  expect(JSON.parse(got.body).action).toBe("push");

  const refused = await contributor.post(samplePath(REGISTRY, name), { data: { action: "delete" } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toEqual({
    code: "ActionNotSubscribed",
    message: `Webhook "${name}" does not get delete events, so a sample delete would show nothing it will ever receive. Add the Delete action in Configure, or send the other sample.`,
  });
  expect(receiver.requestsTo("/pushonly")).toHaveLength(1);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(1);
});

test("REST: a body other than { action: push | delete } is 400 with a clear message, and nothing is sent or recorded", async ({ db, receiver, uniqueName }) => {
  const name = uniqueName("restsample");
  await seedWebhook(db, { name, serviceUri: receiver.url("/rest"), actions: "push,delete" });
  const path = samplePath(REGISTRY, name);

  for (const data of [{ action: "ping" }, {}, { action: "push", tag: "v2" }, { action: ["push"] }]) {
    const response = await contributor.post(path, { data });
    expect(response.status(), JSON.stringify(data)).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "ValidationFailed", message: BAD_BODY });
  }
  const wrongAction = await (await contributor.post(path, { data: { action: "ping" } })).json();
  expect(wrongAction.error.details).toEqual([{ target: "action", message: 'action must be "push" or "delete".' }]);
  for (const raw of ["", "{not json", "[]"]) {
    const response = await contributor.post(path, { headers: { "Content-Type": "application/json" }, data: raw });
    expect(response.status(), raw).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "InvalidRequestBody", message: BAD_BODY } });
  }
  expect((await contributor.post(path, { headers: { "Content-Type": "text/plain" }, data: "push" })).status()).toBe(415);
  expect(receiver.requestsTo("/rest")).toHaveLength(0);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(0);

  const sent = await contributor.post(path, { data: { action: "push" } });
  expect(sent.status()).toBe(200);
  const { id } = await sent.json();
  expect(receiver.requestsTo("/rest")).toHaveLength(1);
  expect(await db.delivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ action: "sample-push", image: "samples/hello-world:v1", state: "delivered" });
});

test("samples share Ping's limit of 5 a minute, refused as Ping is (429 with Retry-After; the blade says so)", async ({ page, db, receiver, uniqueName }) => {
  const name = uniqueName("limsample");
  await seedWebhook(db, { name, serviceUri: receiver.url("/limited"), actions: "push,delete" });
  const path = samplePath(REGISTRY, name);
  for (const send of [
    () => contributor.post(path, { data: { action: "push" } }),
    () => contributor.post(path, { data: { action: "delete" } }),
    () => contributor.post(`/api/registries/${REGISTRY}/webhooks/${name}/ping`),
    () => contributor.post(path, { data: { action: "push" } }),
    () => contributor.post(`/api/registries/${REGISTRY}/webhooks/${name}/ping`),
  ]) {
    expect((await send()).status()).toBe(200);
  }
  const limited = await contributor.post(path, { data: { action: "push" } });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await limited.json()).error).toEqual({
    code: "TooManyRequests",
    message: expect.stringMatching(/^Too many requests: samples, Ping and Redeliver share a limit of 5 a minute per webhook for each user\. Send a sample again in \d+ s\.$/),
  });
  // One budget: Ping is refused too, in its own words.
  const ping = await contributor.post(`/api/registries/${REGISTRY}/webhooks/${name}/ping`);
  expect(ping.status()).toBe(429);
  expect(ping.headers()["retry-after"]).toBeTruthy();
  expect(receiver.requestsTo("/limited")).toHaveLength(5);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(5);

  // The blade's user is the token's (the budget is per webhook and user, whatever the door): it says so and sends nothing.
  await gotoBlade(page, webhookUrl(name));
  await page.getByRole("button", { name: "Send sample" }).click();
  await page.getByRole("menuitem", { name: "Sample push" }).click();
  await expect(page.getByRole("status")).toHaveText(
    /^Too many requests: samples, Ping and Redeliver share a limit of 5 a minute per webhook for each user\. Send a sample again in \d+ s\.$/,
  );
  expect(receiver.requestsTo("/limited")).toHaveLength(5);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(5);
});

test("CLI: webhook sample --action push|delete prints the event id; anything else is a usage error", async ({ db, receiver, uniqueName }) => {
  const name = uniqueName("clisample");
  await seedWebhook(db, { name, serviceUri: receiver.url("/cli"), actions: "push" });
  const env = { REGISTRY_WEBHOOKS_URL: currentTarget().baseUrl, REGISTRY_WEBHOOKS_TOKEN: contributorToken };

  const pushed = await runCli(["webhook", "sample", "-r", REGISTRY, "-n", name, "--action", "push"], env);
  expect(pushed.stderr).toBe("");
  expect(pushed.code).toBe(0);
  const id = pushed.stdout.trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const [got] = receiver.requestsTo("/cli");
  expect(got.headers[SAMPLE_HEADER]).toBe("true");
  expect(JSON.parse(got.body)).toMatchObject({ id, action: "push" });

  const asJson = await runCli(["webhook", "sample", "-r", REGISTRY, "-n", name, "--action", "push", "-o", "json"], env);
  expect(asJson.code).toBe(0);
  expect(Object.keys(JSON.parse(asJson.stdout))).toEqual(["id"]);

  const wrong = await runCli(["webhook", "sample", "-r", REGISTRY, "-n", name, "--action", "ping"], env);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain("argument --action: invalid choice: 'ping' (choose from 'push', 'delete')");
  const missing = await runCli(["webhook", "sample", "-r", REGISTRY, "-n", name], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("--action");

  const notSubscribed = await runCli(["webhook", "sample", "-r", REGISTRY, "-n", name, "--action", "delete"], env);
  expect(notSubscribed.code).toBe(1);
  expect(notSubscribed.stderr).toContain("ActionNotSubscribed");
  expect(receiver.requestsTo("/cli")).toHaveLength(2);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(2);
});
