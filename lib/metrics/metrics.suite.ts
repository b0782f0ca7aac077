import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobPush, ENVELOPE_TYPE, manifestPush } from "../../e2e/support/distribution-events";
import { parseMetrics, samplesOf, valueOf } from "../../e2e/support/prometheus-text";
import type { Outcome } from "../delivery/deliver-one";
import { hashToken } from "../security/token-hash";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

// The metrics of a server process on a real database, through the real recording paths: the
// delivery loop's batches, Ping and Redeliver, the notifications endpoint; the queue gauges
// from the (state, nextAttemptAt, seq) index; and GET /api/metrics behind its token. Run on
// SQLite and PostgreSQL by lib/metrics/metrics.<kind>.test.ts.

const METRICS_TOKEN = "metrics-unit-test-token-0123";
const NOTIFICATIONS_TOKEN = "metrics-unit-test-notifications";
const ATTEMPTS = "registry_webhooks_delivery_attempts_total";

export const describeMetrics = (kind: DatabaseKind) => {
  const database = temporaryDatabase(`metrics-${kind}`, kind);
  process.env.SECRET_KEY ||= "metrics unit test secret key";
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  // Ping and Redeliver below reach a receiver on loopback.
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

  type Db = typeof import("../db").db;
  let db: Db;
  let registry: { id: string; name: string };
  let receiverUrl = "";
  const receiver = http.createServer((request, response) => {
    request.resume().on("end", () => response.writeHead(request.url === "/ok" ? 200 : 500).end());
  });

  beforeAll(async () => {
    db = await database.open();
    registry = await db.registry.create({ data: { name: `metrics${kind}`, tokenHash: hashToken(NOTIFICATIONS_TOKEN) } });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    if (kind === "sqlite") {
      const { rawDb, queueDb, ingestDb } = await import("../db-raw");
      rawDb().close();
      queueDb().close();
      ingestDb().close();
    }
    await database.close();
  });

  /** Scrapes as Prometheus does, through the route. */
  const scrape = async () => {
    const { metricsRoute } = await import("../api/metrics-route");
    const response = await metricsRoute(new Request("http://portal/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return parseMetrics(await response.text());
  };

  const webhook = (name: string, path = "/ok") =>
    db.webhook.create({ data: { registryId: registry.id, name, serviceUri: `${receiverUrl}${path}`, actions: "push", serviceUriHash: name } });

  const delivery = (webhookId: string, data: { state: string; nextAttemptAt: number; leaseUntil?: number }) =>
    db.delivery.create({ data: { id: crypto.randomUUID(), webhookId, action: "push", payload: "{}", ...data } });

  describe(`metrics on ${kind}`, () => {
    it("reads the queue's depth and oldest due age from the index, labelled source=\"database\"", async () => {
      const { deliveryStore } = await import("../db/delivery-store");
      const hook = await webhook("queued");
      const now = Date.now();
      await delivery(hook.id, { state: "pending", nextAttemptAt: now - 60_000 });
      await delivery(hook.id, { state: "pending", nextAttemptAt: now - 5_000, leaseUntil: now + 30_000 });
      await delivery(hook.id, { state: "pending", nextAttemptAt: now - 1_000 });
      await delivery(hook.id, { state: "pending", nextAttemptAt: now + 10_000 });
      await delivery(hook.id, { state: "pending", nextAttemptAt: now + 3_600_000 });
      await delivery(hook.id, { state: "delivered", nextAttemptAt: 0 });
      await delivery(hook.id, { state: "failed", nextAttemptAt: 0 });

      expect(await deliveryStore.queueDepth(now)).toEqual({ due: 3, waitingForRetry: 2, oldestDueAt: now - 60_000 });
      expect(await deliveryStore.queueDepth(now - 120_000)).toEqual({ due: 0, waitingForRetry: 5, oldestDueAt: null });

      const parsed = await scrape();
      expect(valueOf(parsed, "registry_webhooks_queue_depth", { state: "pending", source: "database" })).toBe(3);
      expect(valueOf(parsed, "registry_webhooks_queue_depth", { state: "retrying", source: "database" })).toBe(2);
      const age = valueOf(parsed, "registry_webhooks_queue_oldest_due_age_seconds", { source: "database" });
      expect(age).toBeGreaterThanOrEqual(60);
      expect(age).toBeLessThan(120);
      await db.delivery.deleteMany({ where: { webhookId: hook.id } });
    });

    it("counts what the delivery loop records, by webhook and outcome, and forgets a deleted webhook", async () => {
      const { DeliveryLoop } = await import("../delivery/delivery-loop");
      const { countRecorded } = await import("./metrics");
      const ok = await webhook("loopok");
      const flaky = await webhook("loopflaky");
      const disabled = await webhook("loopoff");
      for (let index = 0; index < 3; index += 1) await delivery(ok.id, { state: "pending", nextAttemptAt: Date.now() - 1 });
      for (let index = 0; index < 2; index += 1) await delivery(flaky.id, { state: "pending", nextAttemptAt: Date.now() - 1 });
      await delivery(disabled.id, { state: "pending", nextAttemptAt: Date.now() - 1 });

      // A dispatch that answers as a receiver would: 200 for one webhook, 503 (retry later) for
      // the other, and a delivery recorded without sending for the third.
      const attempt = (deliveryId: string, status: number) => ({
        deliveryId, number: 1, requestMethod: "POST", requestUri: "http://x/", requestHeaders: "[]", requestBody: "{}",
        requestBodyTruncated: false, responseStatus: status, responseReason: "", responseHeaders: "[]", responseBody: "",
        responseBodyTruncated: false, error: null, durationMs: 20,
      });
      const loop = new DeliveryLoop("metrics-test", 8, async (claimed): Promise<Outcome> => {
        if (claimed.webhookId === ok.id) return { attempt: attempt(claimed.id, 200), state: "delivered", lastStatus: "200", nextAttemptAt: 0 };
        if (claimed.webhookId === flaky.id) return { attempt: attempt(claimed.id, 503), state: "pending", lastStatus: "503", nextAttemptAt: Date.now() + 3_600_000 };
        return { attempt: null, state: "failed", lastStatus: "Not sent: the webhook is disabled", nextAttemptAt: 0 };
      }, { onRecorded: countRecorded });
      loop.start();
      try {
        await expect.poll(async () => valueOf(await scrape(), ATTEMPTS, { registry: registry.name }), { timeout: 15_000 }).toBe(6);
      } finally {
        await loop.stop();
      }
      const parsed = await scrape();
      expect(valueOf(parsed, ATTEMPTS, { registry: registry.name, webhook: "loopok", trigger: "queue", outcome: "delivered" })).toBe(3);
      expect(valueOf(parsed, ATTEMPTS, { registry: registry.name, webhook: "loopflaky", trigger: "queue", outcome: "retrying" })).toBe(2);
      expect(valueOf(parsed, ATTEMPTS, { registry: registry.name, webhook: "loopoff", trigger: "queue", outcome: "failed" })).toBe(1);
      // Only attempts that were sent have a duration.
      expect(Number(samplesOf(parsed, "registry_webhooks_delivery_attempt_duration_seconds")[0].count)).toBe(5);

      await db.webhook.delete({ where: { id: flaky.id } });
      expect(samplesOf(await scrape(), ATTEMPTS, { webhook: "loopflaky" })).toEqual([]);
    });

    it("counts Ping and Redeliver as they are recorded", async () => {
      const { sendPing } = await import("../delivery/ping");
      const { redeliver } = await import("../delivery/redeliver");
      const up = await webhook("pingedok", "/ok");
      const down = await webhook("pingedfail", "/fail");
      const target = (row: typeof up) => ({
        ...row,
        serviceUri: row.serviceUri,
        customHeaders: [],
        signingSecret: "",
        previousSigningSecret: "",
      });
      const ping = await sendPing(target(up), registry.name);
      expect(ping.isSuccess).toBe(true);
      expect((await sendPing(target(down), registry.name)).isSuccess).toBe(false);
      expect((await redeliver(target(up), ping.id)).kind).toBe("sent");

      const parsed = await scrape();
      expect(valueOf(parsed, ATTEMPTS, { webhook: "pingedok", trigger: "ping", outcome: "delivered" })).toBe(1);
      expect(valueOf(parsed, ATTEMPTS, { webhook: "pingedfail", trigger: "ping", outcome: "failed" })).toBe(1);
      expect(valueOf(parsed, ATTEMPTS, { webhook: "pingedok", trigger: "redeliver", outcome: "delivered" })).toBe(1);
    });

    it("counts the events the notifications endpoint received, by result; a refused request counts none", async () => {
      const { notificationsRoute } = await import("../api/notifications-route");
      const post = (events: unknown[], token = NOTIFICATIONS_TOKEN) =>
        notificationsRoute(
          new Request(`http://portal/api/registries/${registry.name}/notifications`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": ENVELOPE_TYPE },
            body: JSON.stringify({ events }),
          }),
          { params: Promise.resolve({ registry: registry.name }) },
        );
      const pushed = [manifestPush("app", "v1"), manifestPush("app", "v2")];
      expect((await post([...pushed, blobPush("app")])).status).toBe(200);
      expect((await post([pushed[0]])).status).toBe(200);
      expect((await post([manifestPush("app", "v3")], "wrong-token")).status).toBe(401);

      const parsed = await scrape();
      const counted = (result: string) => valueOf(parsed, "registry_webhooks_ingest_events_total", { registry: registry.name, result });
      expect([counted("accepted"), counted("duplicate"), counted("ignored")]).toEqual([2, 1, 1]);
    });

    it("answers a scrape without the token 401, reading nothing", async () => {
      const { metricsRoute } = await import("../api/metrics-route");
      const response = await metricsRoute(new Request("http://portal/api/metrics", { headers: { authorization: "Bearer not-the-token" } }));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    });
  });
};
