import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, notificationsUrl, seedRegistry, seedWebhook, test } from "./fixtures";
import { openDatabase } from "./support/database";
import { blobPush, ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { freshDatabase, startPortal } from "./support/portal-process";
import { histogramCountOf, parseMetrics, samplesOf, valueOf, type ParsedMetrics } from "./support/prometheus-text";
import { E2E_METRICS_TOKEN, E2E_OUTBOUND_ALLOWLIST, E2E_STORAGE, extraPortalPort } from "./support/settings";
import { sealStored } from "./support/stored-secrets";

// GET /api/metrics as Prometheus scrapes it: its own bearer token, no session. Other specs
// deliver through the same portal meanwhile, so this one counts on a registry and webhooks of
// its own, and compares before and after where a series is shared.

test.use({ storageState: { cookies: [], origins: [] } });

const ATTEMPTS = "registry_webhooks_delivery_attempts_total";
const DURATION = "registry_webhooks_delivery_attempt_duration_seconds";
const INGEST = "registry_webhooks_ingest_events_total";

const scrape = async (request: APIRequestContext): Promise<ParsedMetrics> => {
  const response = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(response.headers()["cache-control"]).toBe("no-store");
  // The parser throws on any line that is not Prometheus's text format.
  return parseMetrics(await response.text());
};

/** Scrapes an extra portal (its own process) with the token. */
const scrapeUrl = async (baseUrl: string): Promise<ParsedMetrics> => {
  const response = await fetch(`${baseUrl}/api/metrics`, { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return parseMetrics(await response.text());
};

test("counts the deliveries and registry events this test made, as a Prometheus parser reads them", async ({ request, db, receiver, uniqueName }) => {
  // 1 s retries, 4 of them (E2E_RETRY_SCHEDULE): every delivery to the 500 ends Failed after 5 attempts.
  test.setTimeout(90_000);
  const registry = uniqueName("metrics");
  const token = `token-${registry}`;
  await seedRegistry(db, registry, token);
  const ok = await seedWebhook(db, { registry, name: uniqueName("metricsok"), serviceUri: receiver.url("/status/200") });
  const failing = await seedWebhook(db, { registry, name: uniqueName("metricsfail"), serviceUri: receiver.url("/status/500") });
  const before = await scrape(request);

  const pushes = [manifestPush("app", "v1"), manifestPush("app", "v2"), manifestPush("app", "v3")];
  const post = (events: unknown[]) =>
    request.post(notificationsUrl(registry), {
      headers: { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE },
      data: JSON.stringify({ events }),
    });
  expect(await (await post([...pushes, blobPush("app")])).json()).toMatchObject({ accepted: 3, ignored: 1, deliveries: 6 });
  expect(await (await post([pushes[0]])).json()).toMatchObject({ duplicates: 1, accepted: 0 });

  // Every delivery recorded in a final state (the loop records in batches after the receiver answers).
  const isSettled = async () => (await db.delivery.count({ where: { webhookId: { in: [ok.id, failing.id] }, state: { not: "pending" } } })) === 6;
  await expect.poll(isSettled, { timeout: 60_000 }).toBe(true);
  const after = await scrape(request);

  const attempts = (webhook: string, outcome: string) => valueOf(after, ATTEMPTS, { registry, webhook, trigger: "queue", outcome });
  const answered = (path: string) => receiver.requestsTo(path).length;
  expect(answered("/status/200")).toBe(3);
  expect(answered("/status/500")).toBe(15);
  expect(attempts(ok.name, "delivered")).toBe(answered("/status/200"));
  expect(attempts(failing.name, "retrying")).toBe(12);
  expect(attempts(failing.name, "failed")).toBe(3);
  expect(attempts(failing.name, "retrying") + attempts(failing.name, "failed")).toBe(answered("/status/500"));
  expect(await db.attempt.count({ where: { delivery: { webhookId: { in: [ok.id, failing.id] } } } })).toBe(18);
  expect(samplesOf(after, ATTEMPTS, { registry })).toHaveLength(3);

  // The histogram is shared with every other spec's deliveries: at least ours were added.
  expect(histogramCountOf(after, DURATION) - histogramCountOf(before, DURATION)).toBeGreaterThanOrEqual(18);
  const ingested = (result: string) => valueOf(after, INGEST, { registry, result }) - valueOf(before, INGEST, { registry, result });
  expect([ingested("accepted"), ingested("duplicate"), ingested("ignored")]).toEqual([3, 1, 1]);

  // Read from the database, the same on every instance: labelled so dashboards use max().
  for (const state of ["pending", "retrying"]) expect(samplesOf(after, "registry_webhooks_queue_depth", { state, source: "database" })).toHaveLength(1);
  expect(samplesOf(after, "registry_webhooks_queue_oldest_due_age_seconds", { source: "database" })).toHaveLength(1);
  expect(after.families.get("registry_webhooks_process_resident_memory_bytes")?.type).toBe("GAUGE");
});

test("refuses a scrape without the token, with a wrong one or with only a session: 401, nothing counted", async ({ request, browser, db, uniqueName, receiver }) => {
  const registry = uniqueName("refused");
  await seedRegistry(db, registry, `token-${registry}`);
  const hook = await seedWebhook(db, { registry, name: uniqueName("refusedhook"), serviceUri: receiver.url("/status/200") });
  const owner = await browser.newContext({ storageState: E2E_STORAGE.owner });
  try {
    const attemptsBefore = await db.attempt.count({ where: { delivery: { webhookId: hook.id } } });
    const refusals = [
      await request.get("/api/metrics"),
      await request.get("/api/metrics", { headers: { Authorization: "Bearer e2e-metrics-token-0123456780" } }),
      await request.get("/api/metrics", { headers: { Authorization: `Basic ${E2E_METRICS_TOKEN}` } }),
      // A signed-in Owner's session is not the scraper's credential.
      await owner.request.get("/api/metrics"),
    ];
    for (const response of refusals) {
      expect(response.status()).toBe(401);
      expect(response.headers()["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect(response.headers()["set-cookie"]).toBeUndefined();
      expect(await response.json()).toEqual({
        error: { code: "Unauthorized", message: "Send the metrics token (METRICS_TOKEN) as Authorization: Bearer <token>." },
      });
    }
    expect(await db.attempt.count({ where: { delivery: { webhookId: hook.id } } })).toBe(attemptsBefore);
    expect(samplesOf(await scrape(request), INGEST, { registry })).toEqual([]);
  } finally {
    await owner.close();
  }
});

test("answers other methods 405 with Allow", async ({ request }) => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    const response = await request.fetch("/api/metrics", { method, headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect([method, response.status(), response.headers()["allow"]]).toEqual([method, 405, "GET, HEAD, OPTIONS"]);
  }
});

test("two instances on one database: each counts what it did, the counts add up, the database gauges agree; without METRICS_TOKEN: 404", async ({ receiver }) => {
  test.setTimeout(180_000);
  const databaseUrl = await freshDatabase(path.resolve("data/metrics-instances.db"));
  const TOKEN = "metrics-instances-token-0123456789";
  const portalEnv = { DATABASE_URL: databaseUrl, REGISTRY_NAME: "metricsregistry", REGISTRY_NOTIFICATIONS_TOKEN: TOKEN, OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST };
  // Ports 911-913: auto-disable-recover.spec.ts, which may run at the same time, takes 901 and 902.
  const portals = [
    await startPortal(extraPortalPort(911), { ...portalEnv, METRICS_TOKEN: E2E_METRICS_TOKEN }),
    await startPortal(extraPortalPort(912), { ...portalEnv, METRICS_TOKEN: E2E_METRICS_TOKEN }),
  ];
  const db = openDatabase(databaseUrl);
  try {
    const registry = await db.registry.findUniqueOrThrow({ where: { name: "metricsregistry" } });
    const secrets = sealStored({ serviceUri: receiver.url("/status/200"), customHeaders: "[]" });
    await db.webhook.create({ data: { registryId: registry.id, name: "sharedhook", actions: "push", ...secrets } });

    // Twenty events through the first instance; whichever worker is free sends each.
    const events = Array.from({ length: 20 }, (_, index) => manifestPush("app", `v${index}`));
    const ingest = await fetch(`${portals[0].url}/api/registries/metricsregistry/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
      body: JSON.stringify({ events }),
    });
    expect(await ingest.json()).toMatchObject({ accepted: 20, deliveries: 20 });
    await expect.poll(() => db.delivery.count({ where: { state: "delivered" } }), { timeout: 60_000 }).toBe(20);

    const [first, second] = [await scrapeUrl(portals[0].url), await scrapeUrl(portals[1].url)];
    const delivered = (metrics: ParsedMetrics) => valueOf(metrics, ATTEMPTS, { registry: "metricsregistry", webhook: "sharedhook", outcome: "delivered" });
    expect(delivered(first) + delivered(second)).toBe(20);
    test.info().annotations.push({ type: "split", description: `${delivered(first)} delivered by the first instance, ${delivered(second)} by the second` });
    expect(receiver.requestsTo("/status/200")).toHaveLength(20);
    // Ingest is counted by the instance that answered the registry, only there.
    expect(valueOf(first, INGEST, { registry: "metricsregistry", result: "accepted" })).toBe(20);
    expect(samplesOf(second, INGEST)).toEqual([]);
    // The queue is the database's: both report the same, so max() across them is right and sum() would double it.
    for (const metrics of [first, second]) {
      expect(valueOf(metrics, "registry_webhooks_queue_depth", { state: "pending", source: "database" })).toBe(0);
      expect(valueOf(metrics, "registry_webhooks_queue_depth", { state: "retrying", source: "database" })).toBe(0);
      expect(valueOf(metrics, "registry_webhooks_queue_oldest_due_age_seconds", { source: "database" })).toBe(0);
    }

    // Empty is unset: metrics off. Started only now: its worker would have sent some of the
    // twenty, which no scrape could count.
    portals.push(await startPortal(extraPortalPort(913), { ...portalEnv, METRICS_TOKEN: "" }));
    for (const headers of [{}, { Authorization: `Bearer ${E2E_METRICS_TOKEN}` }] as Record<string, string>[]) {
      const off = await fetch(`${portals[2].url}/api/metrics`, { headers });
      expect(off.status).toBe(404);
      expect(await off.json()).toEqual({
        error: { code: "MetricsDisabled", message: "Metrics are off on this instance: start it with METRICS_TOKEN set to serve them here." },
      });
    }
  } finally {
    await Promise.all(portals.map((portal) => portal.kill("SIGTERM")));
    await db.$disconnect();
  }
});
