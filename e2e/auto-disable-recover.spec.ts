import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { WebhookPage } from "registry-webhooks/testing";
import { hashToken } from "../lib/security/token-hash";
import { expect, seedWebhook, test } from "./fixtures";
import { runCli } from "./support/cli";
import { openDatabase, type Database } from "./support/database";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { startPortal, type PortalProcess } from "./support/portal-process";
import { freshPortalDatabase } from "./support/portal-database";
import type { Receiver } from "./support/receiver";
import { E2E_OUTBOUND_ALLOWLIST, E2E_OWNER } from "./support/settings";
import { signIn } from "./support/sign-in";
import type { E2ETarget } from "./support/targets";

// Auto-disable, Enable and "Redeliver failed events…" on a portal of its own, started with a
// small WEBHOOK_DISABLE_AFTER (3 failed deliveries, no wait) and no retries, so every failed
// attempt is a failed delivery at once. The shared portals keep the default (40 and 24 hours),
// so the specs that fail deliveries on purpose are never disabled by it.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const REGISTRY = "recoverregistry";
const TOKEN = "recover-notifications-token-0123456789";
const FAILURES = 3;
const HOUR = 3_600_000;

const portalDatabase = (target: E2ETarget) =>
  freshPortalDatabase(target, { name: "auto_disable", sqlitePortOffset: 901, postgresPortOffset: 902 });

let portal: PortalProcess;
let db: Database;
let drop: () => Promise<unknown>;
/** An Owner's API token on this portal, for the REST API and the CLI. */
let apiToken: string;

test.beforeAll(async ({ target }) => {
  const database = await portalDatabase(target);
  drop = database.drop;
  portal = await startPortal(database.port, {
    ...database.env,
    REGISTRY_NAME: REGISTRY,
    REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
    OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
    WEBHOOK_DISABLE_AFTER: `${FAILURES},0s`,
    WEBHOOK_RETRY_SCHEDULE: "",
  });
  db = openDatabase(database.env.DATABASE_URL);
  const owner = await db.user.findUniqueOrThrow({ where: { email: E2E_OWNER.email } });
  // Stored as lib/auth/api-tokens.ts stores a token made on the profile page: only its hash.
  apiToken = `rwt_${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { userId: owner.id, name: "recover", prefix: apiToken.slice(0, 8), tokenHash: hashToken(apiToken), role: "owner" } });
});

test.afterAll(async () => {
  await portal?.kill("SIGTERM");
  await db?.$disconnect();
  await drop?.();
});

/** Posts Distribution push events for `repository` to the portal; each reaches the webhooks scoped to it. */
const ingest = async (repository: string, count: number) => {
  const events = Array.from({ length: count }, (_, i) => manifestPush(repository, `v${i}-${randomBytes(3).toString("hex")}`));
  const response = await fetch(`${portal.url}/api/registries/${REGISTRY}/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
    body: JSON.stringify({ events }),
  });
  expect(await response.json()).toMatchObject({ accepted: count, deliveries: count });
};

const seed = (name: string, receiver: Receiver, receiverPath: string) =>
  seedWebhook(db, { registry: REGISTRY, name, serviceUri: receiver.url(receiverPath), scope: `${name}:*` });

/** The ids of the deliveries the receiver answered 2xx for at `receiverPath`. */
const deliveredIds = (receiver: Receiver, receiverPath: string) =>
  receiver
    .requestsTo(receiverPath)
    .filter((request) => request.status === 200)
    .map((request) => (JSON.parse(request.body) as { id: string }).id);

const failedIds = async (webhookId: string) =>
  (await db.delivery.findMany({ where: { webhookId, state: "failed" }, select: { id: true } })).map((row) => row.id).sort();

const bladeUrl = (name: string) => `${portal.url}/registries/${REGISTRY}/webhooks/${name}`;

const openBlade = async (page: Page, name: string) => {
  await page.goto(bladeUrl(name));
  await expect(page.getByRole("toolbar").getByRole("button", { name: "Refresh" })).toBeEnabled();
};

test("a receiver that always fails drives its webhook to Disabled (failing); the banner shows, Ping still works, Enable brings it back", async ({ page, receiver }) => {
  const hook = await seed("failinghook", receiver, "/status/503");
  await ingest("failinghook", FAILURES);
  await expect.poll(async () => (await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).disabledReason).toBe("failing");
  const stored = await db.webhook.findUniqueOrThrow({ where: { id: hook.id } });
  expect(stored).toMatchObject({ status: "disabled", consecutiveFailures: FAILURES, lastError: "503 Service Unavailable" });
  expect(receiver.requestsTo("/status/503")).toHaveLength(FAILURES);
  const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "webhook.auto-disable" } });
  expect(entry).toMatchObject({ actorId: null, actorEmail: "system", target: `${REGISTRY}/failinghook`, detail: `Disabled after ${FAILURES} failed deliveries in a row; last error: 503 Service Unavailable` });

  await signIn(page, E2E_OWNER, portal.url);
  await page.goto(`${portal.url}/registries/${REGISTRY}/webhooks`);
  await expect(page.getByRole("row", { name: /failinghook/ }).getByRole("cell").nth(3)).toHaveText("Disabled (failing)");

  await openBlade(page, "failinghook");
  const banner = page.getByRole("group", { name: "Disabled (failing)" });
  await expect(banner).toContainText(`after ${FAILURES} failed deliveries in a row. Last error: 503 Service Unavailable at 20`);
  await expect(page.getByRole("definition").filter({ hasText: "Disabled (failing)" })).toBeVisible();

  // Ping is sent all the same.
  await page.getByRole("toolbar").getByRole("button", { name: "Ping" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ping sent: 503 Service Unavailable" })).toBeVisible();
  expect(receiver.requestsTo("/status/503")).toHaveLength(FAILURES + 1);

  // Enable through the QA kit's page object: its "Enable" is the banner's button.
  expect(await new WebhookPage(page, "failinghook", { registry: REGISTRY }).enable()).toBe("Enabled: the webhook gets events again.");
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole("definition").filter({ hasText: /^Enabled$/ })).toBeVisible();
  expect(await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({ status: "enabled", disabledReason: "", consecutiveFailures: 0 });
  expect(await db.auditEntry.count({ where: { action: "webhook.enable", target: `${REGISTRY}/failinghook`, actorEmail: E2E_OWNER.email } })).toBe(1);

  // Enable started the count again: one more failure does not disable it.
  await ingest("failinghook", 1);
  await expect.poll(async () => (await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).consecutiveFailures).toBe(1);
  expect((await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).status).toBe("enabled");
});

test("after an outage, Enable and \"Redeliver failed events…\" send exactly the failed events since the chosen time, once each", async ({ page, receiver }) => {
  const hook = await seed("outagehook", receiver, "/gate/outage");
  // An event that failed before the start time the dialog proposes (24 hours ago): not sent again.
  await db.delivery.create({
    data: { id: `old-${randomBytes(4).toString("hex")}`, webhookId: hook.id, action: "push", payload: "{}", state: "failed", createdAt: new Date(Date.now() - 30 * HOUR) },
  });
  const OUTAGE_EVENTS = 5;
  await ingest("outagehook", OUTAGE_EVENTS);
  // The receiver is down: the webhook is disabled as failing after 3, and the rest end unsent.
  await expect.poll(async () => (await db.delivery.count({ where: { webhookId: hook.id, state: "failed" } }))).toBe(OUTAGE_EVENTS + 1);
  await expect.poll(async () => (await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).disabledReason).toBe("failing");
  const outageIds = (await db.delivery.findMany({ where: { webhookId: hook.id, action: "push", NOT: { id: { startsWith: "old-" } } }, select: { id: true } }))
    .map((row) => row.id)
    .sort();
  expect(outageIds).toHaveLength(OUTAGE_EVENTS);
  receiver.openGate();

  await signIn(page, E2E_OWNER, portal.url);
  await openBlade(page, "outagehook");
  // Refused while disabled, with the reason; nothing is queued.
  await page.getByRole("toolbar").getByRole("button", { name: "Redeliver failed events…" }).click();
  let dialog = page.getByRole("dialog", { name: "Redeliver failed events" });
  await expect(dialog.getByText(`${OUTAGE_EVENTS} events will be sent.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Redeliver" }).click();
  await expect(dialog.getByText(/is disabled: a disabled webhook gets no events.*Enable it first\./)).toBeVisible();
  expect(await db.delivery.count({ where: { webhookId: hook.id, state: "pending" } })).toBe(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const webhook = new WebhookPage(page, "outagehook", { registry: REGISTRY });
  expect(await webhook.enable()).toBe("Enabled: the webhook gets events again.");

  dialog = await webhook.openRedeliverFailed();
  const startTime = dialog.getByLabel("Start time (UTC)");
  await expect(dialog.getByText(`${OUTAGE_EVENTS} events will be sent.`)).toBeVisible();
  // A start time in the future is refused before anything is sent; further back counts the old event too.
  await startTime.fill("2999-01-01T00:00");
  await expect(dialog.getByText("since must not be in the future: nothing has failed after now.")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Redeliver" })).toBeDisabled();
  await startTime.fill(new Date(Date.now() - 48 * HOUR).toISOString().slice(0, 16));
  await expect(dialog.getByText(`${OUTAGE_EVENTS + 1} events will be sent.`)).toBeVisible();
  await startTime.fill(new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 16));
  await expect(dialog.getByText(`${OUTAGE_EVENTS} events will be sent.`)).toBeVisible();
  await dialog.getByRole("button", { name: "Redeliver" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${OUTAGE_EVENTS} failed events queued for redelivery.` })).toBeVisible();

  // Through the worker: each outage event arrives once, the old one not at all.
  await expect.poll(() => deliveredIds(receiver, "/gate/outage").length).toBe(OUTAGE_EVENTS);
  expect(deliveredIds(receiver, "/gate/outage").sort()).toEqual(outageIds);
  await expect.poll(() => db.delivery.count({ where: { webhookId: hook.id, state: "delivered" } })).toBe(OUTAGE_EVENTS);
  expect(await failedIds(hook.id)).toHaveLength(1);
  const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "webhook.recover", target: `${REGISTRY}/outagehook` } });
  expect(audit.detail).toMatch(new RegExp(`^${OUTAGE_EVENTS} failed events since \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00\\.000Z queued again$`));
  // The success reset the webhook's count.
  await expect.poll(async () => (await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).consecutiveFailures).toBe(0);
});

test("the REST API and the CLI recover the failed events since a time once each, and refuse bad start times changing nothing", async ({ receiver }) => {
  const restHook = await seed("resthook", receiver, "/gate/rest");
  const cliHook = await seed("clihook", receiver, "/gate/cli");
  const offHook = await seed("offhook", receiver, "/gate/off");
  // Two each: below the portal's three, so neither is disabled.
  await ingest("resthook", 2);
  await ingest("clihook", 2);
  await ingest("offhook", 1);
  for (const hook of [restHook, cliHook]) await expect.poll(() => failedIds(hook.id).then((ids) => ids.length)).toBe(2);
  await expect.poll(() => failedIds(offHook.id).then((ids) => ids.length)).toBe(1);
  receiver.openGate();

  const recover = (webhook: string, body: unknown) =>
    fetch(`${portal.url}/api/registries/${REGISTRY}/webhooks/${webhook}/recover`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  const before = await failedIds(restHook.id);
  for (const [body, message] of [
    [{ since: "yesterday" }, "since must be a date and time with its time zone, for example 2026-12-02T10:00:00Z."],
    [{ since: "2026-12-02T10:00:00" }, "since must be a date and time with its time zone, for example 2026-12-02T10:00:00Z."],
    [{}, "since must be a date and time with its time zone, for example 2026-12-02T10:00:00Z."],
    [{ since: new Date(Date.now() + HOUR).toISOString() }, "since must not be in the future: nothing has failed after now."],
  ] as const) {
    const refused = await recover("resthook", body);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: "ValidationFailed", message: expect.stringContaining("The recovery request is not valid"), details: [{ target: "since", message }] },
    });
  }
  const unknownKey = await recover("resthook", { since: new Date().toISOString(), until: "now" });
  expect(unknownKey.status).toBe(400);
  expect(await failedIds(restHook.id)).toEqual(before);

  await db.webhook.update({ where: { id: offHook.id }, data: { status: "disabled", disabledReason: "admin" } });
  const disabled = await recover("offhook", { since: new Date(Date.now() - HOUR).toISOString() });
  expect(disabled.status).toBe(409);
  expect((await disabled.json()).error.code).toBe("WebhookDisabled");
  expect(await failedIds(offHook.id)).toHaveLength(1);
  expect(await db.auditEntry.count({ where: { action: "webhook.recover", target: `${REGISTRY}/offhook` } })).toBe(0);

  const since = new Date(Date.now() - HOUR).toISOString();
  const queued = await recover("resthook", { since });
  expect(queued.status).toBe(200);
  expect(await queued.json()).toEqual({ queued: 2, since });
  await expect.poll(() => deliveredIds(receiver, "/gate/rest").length).toBe(2);
  expect(deliveredIds(receiver, "/gate/rest").sort()).toEqual(before);

  const cliFailed = await failedIds(cliHook.id);
  const env = { REGISTRY_WEBHOOKS_URL: portal.url, REGISTRY_WEBHOOKS_TOKEN: apiToken };
  const bad = await runCli(["webhook", "recover", "-r", REGISTRY, "-n", "clihook", "--since", "soon"], env);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("argument --since: expected a duration such as 24h, 90m or 2d");
  const ran = await runCli(["webhook", "recover", "-r", REGISTRY, "-n", "clihook", "--since", "24h"], env);
  expect(ran).toMatchObject({ code: 0, stderr: "" });
  expect(ran.stdout).toMatch(/^Queued 2 failed events since \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z for redelivery\.\n$/);
  await expect.poll(() => deliveredIds(receiver, "/gate/cli").length).toBe(2);
  expect(deliveredIds(receiver, "/gate/cli").sort()).toEqual(cliFailed);
  // Nothing failed is left: asked again, nothing is queued, nothing is sent twice.
  const again = await runCli(["webhook", "recover", "-r", REGISTRY, "-n", "clihook", "--since", "24h", "-o", "json"], env);
  expect(JSON.parse(again.stdout)).toMatchObject({ queued: 0 });
  expect(deliveredIds(receiver, "/gate/cli")).toHaveLength(2);
  expect(receiver.requestsTo("/gate/off")).toHaveLength(1);
});
