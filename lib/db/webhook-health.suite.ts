import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import type { AttemptRow, Claimed, Settlement } from "./delivery-store-types";

// A webhook's health as the worker records it (consecutive failed deliveries, the last success,
// the system's Disable by WEBHOOK_DISABLE_AFTER, its audit entry) and Recover's selection of
// failed events, through the real migrations. Run on SQLite and on PostgreSQL by
// lib/db/webhook-health.<kind>.test.ts.

const NO_CAP = 1024;
const NONE = new Map<string, number>();
const HOUR = 3_600_000;

export const describeWebhookHealth = (kind: DatabaseKind) => {
  const database = temporaryDatabase(`health-${kind}`, kind);
  process.env.SECRET_KEY ||= "webhook health unit test secret key";

  type Db = typeof import("../db").db;
  let db: Db;
  let store: typeof import("./delivery-store").deliveryStore;
  let registry: { id: string; name: string };
  let sequence = 0;

  beforeAll(async () => {
    db = await database.open();
    ({ deliveryStore: store } = await import("./delivery-store"));
    registry = await db.registry.create({ data: { name: `health${kind.slice(0, 6)}` } });
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const webhook = (name: string, data: { status?: string; disabledReason?: string; createdAt?: Date; serviceUriHash?: string } = {}) =>
    db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "http://127.0.0.1:9/x", actions: "push", ...data } });

  /** `count` deliveries of the webhook, in the given state, recorded at `createdAt`. */
  const deliveries = async (webhookId: string, count: number, data: { state?: string; action?: string; createdAt?: Date; serviceUriHash?: string } = {}) => {
    const ids = Array.from({ length: count }, () => `delivery-${kind}-${(sequence += 1)}`);
    await db.delivery.createMany({ data: ids.map((id) => ({ id, webhookId, action: "push", payload: "{}", ...data })) });
    return ids;
  };

  const attempt = (deliveryId: string, responseStatus: number): AttemptRow => ({
    deliveryId, number: 1, requestMethod: "POST", requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]", requestBody: "{}",
    requestBodyTruncated: false, responseStatus, responseReason: null, responseHeaders: "[]", responseBody: "",
    responseBodyTruncated: false, error: null, durationMs: 1,
  });
  const failed = (claimed: Claimed, status = 503): Settlement => ({ claimed, attempt: attempt(claimed.id, status), state: "failed", lastStatus: `${status} Oops`, nextAttemptAt: 0 });
  const delivered = (claimed: Claimed): Settlement => ({ claimed, attempt: attempt(claimed.id, 200), state: "delivered", lastStatus: "200 OK", nextAttemptAt: 0 });
  const retrying = (claimed: Claimed): Settlement => ({ claimed, attempt: attempt(claimed.id, 503), state: "pending", lastStatus: "503", nextAttemptAt: Date.now() + HOUR });
  const notSent = (claimed: Claimed): Settlement => ({ claimed, attempt: null, state: "failed", lastStatus: "Not sent: the webhook is disabled", nextAttemptAt: 0 });

  /** Leases `count` new pending deliveries of the webhook to `owner`. */
  const claim = async (webhookId: string, count: number, owner = "worker") => {
    await deliveries(webhookId, count);
    const claimed = await store.claimDue(owner, Date.now() + 60_000, 1000, NO_CAP, NONE);
    expect(claimed).toHaveLength(count);
    return claimed.sort((a, b) => a.seq - b.seq);
  };

  const clear = async () => {
    await db.delivery.deleteMany();
    await db.webhook.deleteMany();
    await db.auditEntry.deleteMany();
  };

  const healthOf = (id: string) =>
    db.webhook.findUniqueOrThrow({
      where: { id },
      select: { status: true, disabledReason: true, disabledAt: true, consecutiveFailures: true, lastSuccessAt: true, lastError: true, lastErrorAt: true },
    });

  describe(`a webhook's health on ${kind}`, () => {
    it("counts finished failures in a row, starts again after a success, and ignores retries and deliveries not sent", async () => {
      await clear();
      const hook = await webhook("counted");
      const now = new Date();
      const [a, b, c, d] = await claim(hook.id, 4);
      await store.settle("worker", [failed(a), retrying(b), notSent(c), failed(d, 500)], now, null);
      expect(await healthOf(hook.id)).toMatchObject({ status: "enabled", consecutiveFailures: 2, lastSuccessAt: null, lastError: "500 Oops" });

      const [e, f, g] = await claim(hook.id, 3);
      await store.settle("worker", [failed(e), delivered(f), failed(g)], now, null);
      const health = await healthOf(hook.id);
      expect(health).toMatchObject({ consecutiveFailures: 1, lastError: "503 Oops" });
      expect(health.lastSuccessAt?.getTime()).toBe(now.getTime());
    });

    it("does not count a delivery whose lease another worker took over", async () => {
      await clear();
      const hook = await webhook("stolen");
      const [a, b] = await claim(hook.id, 2);
      await db.delivery.update({ where: { id: b.id }, data: { leaseOwner: "someone-else" } });
      await store.settle("worker", [failed(a), failed(b)], new Date(), null);
      expect((await healthOf(hook.id)).consecutiveFailures).toBe(1);
    });

    it("counts every failure exactly when several workers record batches of one webhook at once", async () => {
      await clear();
      const hook = await webhook("raced");
      await deliveries(hook.id, 80);
      const leaseUntil = Date.now() + 60_000;
      const claims = await Promise.all(Array.from({ length: 4 }, (_, worker) => store.claimDue(`worker-${worker}`, leaseUntil, 20, NO_CAP, NONE)));
      await Promise.all(claims.map((claimed, worker) => store.settle(`worker-${worker}`, claimed.map((row) => failed(row)), new Date(), null)));
      expect((await healthOf(hook.id)).consecutiveFailures).toBe(80);
    });

    it("disables a webhook as failing once the rule is met, audited as the system, and never one an admin disabled", async () => {
      await clear();
      const hook = await webhook("failing");
      const admins = await webhook("adminoff", { status: "disabled", disabledReason: "admin" });
      const rule = { failures: 3, windowMs: 0 };
      const now = new Date();
      expect(await store.settle("worker", (await claim(hook.id, 2)).map((row) => failed(row)), now, rule)).toEqual([]);
      expect((await healthOf(hook.id)).status).toBe("enabled");

      const late = await claim(admins.id, 3);
      // What it disabled comes back, for the metrics (registry_webhooks_auto_disables_total).
      expect(await store.settle("worker", [...(await claim(hook.id, 1)).map((row) => failed(row)), ...late.map((row) => failed(row))], now, rule)).toEqual([
        { registry: registry.name, webhook: "failing" },
      ]);
      const health = await healthOf(hook.id);
      expect(health).toMatchObject({ status: "disabled", disabledReason: "failing", consecutiveFailures: 3, lastError: "503 Oops" });
      expect(health.disabledAt?.getTime()).toBe(now.getTime());
      expect(await healthOf(admins.id)).toMatchObject({ status: "disabled", disabledReason: "admin", consecutiveFailures: 3 });

      const entries = await db.auditEntry.findMany();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorId: null,
        actorEmail: "system",
        action: "webhook.auto-disable",
        target: `${registry.name}/failing`,
        detail: "Disabled after 3 failed deliveries in a row; last error: 503 Oops",
      });

      // Failures recorded after it was disabled write no second entry.
      expect(await store.settle("worker", (await claim(hook.id, 2)).map((row) => failed(row)), now, rule)).toEqual([]);
      expect(await db.auditEntry.count()).toBe(1);
    });

    it("waits for the time since the last success (or since creation) as well as the count", async () => {
      await clear();
      const rule = { failures: 2, windowMs: 24 * HOUR };
      const now = new Date();
      const young = await webhook("younghook");
      const old = await webhook("oldhook", { createdAt: new Date(now.getTime() - 48 * HOUR) });
      const recent = await webhook("recentok", { createdAt: new Date(now.getTime() - 48 * HOUR) });
      await db.webhook.update({ where: { id: recent.id }, data: { lastSuccessAt: new Date(now.getTime() - HOUR) } });
      const batch = [...(await claim(young.id, 5)), ...(await claim(old.id, 2)), ...(await claim(recent.id, 5))];
      await store.settle("worker", batch.map((row) => failed(row)), now, rule);
      expect(await healthOf(young.id)).toMatchObject({ status: "enabled", consecutiveFailures: 5 });
      expect(await healthOf(old.id)).toMatchObject({ status: "disabled", disabledReason: "failing" });
      expect(await healthOf(recent.id)).toMatchObject({ status: "enabled", consecutiveFailures: 5 });
    });
  });

  describe(`Recover's selection on ${kind}`, () => {
    it("queues each failed event since the start time once, in batches, and leaves the rest alone", async () => {
      await clear();
      const now = new Date();
      const since = new Date(now.getTime() - 24 * HOUR);
      const hook = await webhook("recovered", { serviceUriHash: "current" });
      const other = await webhook("otherhook");
      const wanted = [
        ...(await deliveries(hook.id, 1100, { state: "failed", createdAt: new Date(now.getTime() - HOUR), serviceUriHash: "current" })),
        ...(await deliveries(hook.id, 3, { state: "failed", createdAt: new Date(now.getTime() - HOUR) })),
      ];
      await deliveries(hook.id, 2, { state: "failed", createdAt: new Date(now.getTime() - 25 * HOUR) });
      await deliveries(hook.id, 2, { state: "failed", action: "ping", createdAt: new Date(now.getTime() - HOUR) });
      await deliveries(hook.id, 2, { state: "failed", createdAt: new Date(now.getTime() - HOUR), serviceUriHash: "previous" });
      await deliveries(hook.id, 2, { state: "delivered", createdAt: new Date(now.getTime() - HOUR) });
      await deliveries(other.id, 2, { state: "failed", createdAt: new Date(now.getTime() - HOUR) });
      const selection = { webhookId: hook.id, since, until: now, serviceUriHash: "current" };

      expect(await store.countRecoverable(selection)).toBe(1103);
      const counts: number[] = [];
      let afterSeq = 0;
      for (;;) {
        const batch = await store.requeueFailed(selection, afterSeq, now);
        if (batch.count === 0) break;
        counts.push(batch.count);
        afterSeq = batch.lastSeq;
      }
      expect(counts).toEqual([500, 500, 103]);
      const pending = await db.delivery.findMany({ where: { state: "pending" }, select: { id: true, nextAttemptAt: true, leaseOwner: true } });
      expect(pending.map((row) => row.id).sort()).toEqual(wanted.sort());
      expect(new Set(pending.map((row) => `${row.nextAttemptAt} ${row.leaseOwner}`))).toEqual(new Set([`${now.getTime()} `]));
      // Asked again: nothing left to queue, nothing queued twice.
      expect(await store.countRecoverable(selection)).toBe(0);
      expect(await store.requeueFailed(selection, 0, now)).toEqual({ count: 0, lastSeq: 0 });
    });

    it("queues an event once when two recoveries run at the same time", async () => {
      await clear();
      const now = new Date();
      const hook = await webhook("twice");
      await deliveries(hook.id, 300, { state: "failed", createdAt: new Date(now.getTime() - HOUR) });
      const selection = { webhookId: hook.id, since: new Date(now.getTime() - 2 * HOUR), until: now, serviceUriHash: "" };
      const results = await Promise.all([store.requeueFailed(selection, 0, now), store.requeueFailed(selection, 0, now)]);
      expect(results[0].count + results[1].count).toBe(300);
      expect(await db.delivery.count({ where: { state: "pending" } })).toBe(300);
    });
  });
};
