import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

/**
 * The health columns and chart on one database, through the real migrations and the real
 * store recording attempts (settle as the worker does, recordSentNow as Ping and Redeliver do)
 * into the hourly rollup: exact bucket counts, p50/p95 from the buckets, 24 h against 7 d, the
 * list's tallies and latest attempt, a webhook with no attempts, two instances' batches of the
 * same webhook and hour adding up, and retention. Run on SQLite and PostgreSQL by
 * health.<kind>.test.ts.
 */
export const describeDeliveryHealth = (kind: DatabaseKind) => {
  const database = temporaryDatabase(`health-${kind}`, kind);
  process.env.SECRET_KEY ||= "delivery health unit test secret key";

  type Db = typeof import("../db").db;
  let db: Db;
  let health: typeof import("./health");
  let store: typeof import("../db/delivery-store").deliveryStore;
  let busyId = "";
  let quietId = "";
  let otherId = "";
  let sharedId = "";
  let pruning: typeof import("../delivery/pruning");

  const HOUR = 60 * 60 * 1000;
  // 12:34 UTC: the current hour is 12:00, the 24 h range starts at 13:00 the day before.
  const NOW = new Date("2026-12-03T12:34:56.000Z");
  const at = (iso: string) => new Date(iso);
  let sequence = 0;

  /** One delivery with one attempt, recorded as Ping and Redeliver record theirs. */
  const attempt = async (webhookId: string, when: Date, status: number | null, durationMs: number, state: "delivered" | "failed") => {
    sequence += 1;
    const id = `${kind}-event-${sequence}`;
    await db.delivery.create({ data: { id, webhookId, action: "push", payload: "{}" } });
    await store.recordSentNow(
      {
        deliveryId: id,
        number: 1,
        requestMethod: "POST",
        requestUri: "http://127.0.0.1:9/x",
        requestHeaders: "[]",
        requestBody: "{}",
        requestBodyTruncated: false,
        responseStatus: status,
        responseReason: status === null ? null : "Reason",
        responseHeaders: status === null ? null : "[]",
        responseBody: status === null ? null : "",
        responseBodyTruncated: false,
        error: status === null ? "Connection refused" : null,
        durationMs,
      },
      { state, lastStatus: status === null ? "Connection refused" : `${status} Reason` },
      when,
    );
    return id;
  };

  /** A failed attempt the worker will try again, recorded through settle as the worker does. */
  const retriedAttempt = async (webhookId: string, when: Date, durationMs: number, owner = "worker") => {
    sequence += 1;
    const id = `${kind}-retry-${sequence}`;
    await db.delivery.create({ data: { id, webhookId, action: "push", payload: "{}", leaseOwner: owner, leaseUntil: Date.now() + HOUR } });
    await store.settle(
      owner,
      [
        {
          claimed: { seq: 0, id, webhookId, payload: "{}", attemptCount: 0 },
          attempt: {
            deliveryId: id, number: 1, requestMethod: "POST", requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]", requestBody: "{}",
            requestBodyTruncated: false, responseStatus: 503, responseReason: "Service Unavailable", responseHeaders: "[]", responseBody: "",
            responseBodyTruncated: false, error: null, durationMs,
          },
          state: "pending",
          lastStatus: "503 Service Unavailable",
          nextAttemptAt: Date.now() + HOUR,
        },
      ],
      when,
    );
  };

  beforeAll(async () => {
    db = await database.open();
    health = await import("./health");
    pruning = await import("../delivery/pruning");
    ({ deliveryStore: store } = await import("../db/delivery-store"));
    const registry = await db.registry.create({ data: { name: `health${kind}` } });
    const hook = (name: string) => db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "v1:x", customHeaders: "v1:x", actions: "push" } });
    [busyId, quietId, otherId, sharedId] = (await Promise.all([hook("busy"), hook("quiet"), hook("other"), hook("shared")])).map((row) => row.id);

    // The current hour (12:00): durations 10..100 by tens with a response, one without.
    for (let index = 1; index <= 10; index += 1) await attempt(busyId, at(`2026-12-03T12:0${index % 10}:00.000Z`), index <= 8 ? 200 : 500, index * 10, index <= 8 ? "delivered" : "failed");
    await attempt(busyId, at("2026-12-03T12:30:00.000Z"), null, 10_000, "failed");
    await retriedAttempt(busyId, at("2026-12-03T12:31:00.000Z"), 7);
    // 11:00: one attempt; the range's first hour (yesterday 13:00) and just before it (12:59 yesterday).
    await attempt(busyId, at("2026-12-03T11:59:59.999Z"), 201, 42, "delivered");
    await attempt(busyId, at("2026-12-02T13:00:00.000Z"), 200, 5, "delivered");
    await attempt(busyId, at("2026-12-02T12:59:59.999Z"), 200, 6, "delivered");
    // Six days ago, inside 7 d only; eight days ago, in neither.
    await attempt(busyId, at("2026-11-27T12:15:00.000Z"), 500, 300, "failed");
    await attempt(busyId, at("2026-11-25T12:15:00.000Z"), 200, 1, "delivered");
    // Another webhook's attempt in the same hour must not count.
    await attempt(otherId, at("2026-12-03T12:10:00.000Z"), 500, 999, "failed");
  }, 120_000);

  afterAll(async () => {
    await database.close();
  });

  const hourOf = (hours: { start: string }[], iso: string) => hours.find((hour) => hour.start === iso);

  describe(`delivery health on ${kind}`, () => {
    it("keeps one rollup row per webhook and UTC hour, with exact counts and response-time buckets", async () => {
      const row = await db.webhookHealthHour.findUniqueOrThrow({ where: { webhookId_hourStart: { webhookId: busyId, hourStart: at("2026-12-03T12:00:00.000Z") } } });
      // Responses 7, 10 (≤ 10), 20 (≤ 25), 30, 40, 50 (≤ 50), 60..100 (≤ 100); the refused connection has none.
      expect(row).toMatchObject({
        delivered: 8, retried: 1, failed: 3, responded: 11,
        le10: 2, le25: 1, le50: 3, le100: 5, le250: 0, le500: 0, le1000: 0, le2500: 0, le5000: 0, le10000: 0, leInf: 0,
        maxDurationMs: 100, latestOutcome: "retried", latestStatus: "503 Service Unavailable",
      });
      expect(row.latestAt.toISOString()).toBe("2026-12-03T12:31:00.000Z");
      expect(await db.webhookHealthHour.count({ where: { webhookId: busyId } })).toBe(6);
    });

    it("counts the last 24 UTC hours' attempts per hour and outcome, every hour present", async () => {
      const { range, hours } = await health.getDeliveryHealth(busyId, "24h", NOW);
      expect(range).toBe("24h");
      expect(hours).toHaveLength(24);
      expect(hours[0].start).toBe("2026-12-02T13:00:00.000Z");
      expect(hours[23].start).toBe("2026-12-03T12:00:00.000Z");
      expect(hourOf(hours, "2026-12-03T12:00:00.000Z")).toMatchObject({ delivered: 8, retried: 1, failed: 3 });
      expect(hourOf(hours, "2026-12-03T11:00:00.000Z")).toEqual({ start: "2026-12-03T11:00:00.000Z", delivered: 1, retried: 0, failed: 0, p50: 42, p95: 42 });
      expect(hourOf(hours, "2026-12-02T13:00:00.000Z")).toMatchObject({ delivered: 1, retried: 0, failed: 0 });
      expect(hourOf(hours, "2026-12-03T05:00:00.000Z")).toEqual({ start: "2026-12-03T05:00:00.000Z", delivered: 0, retried: 0, failed: 0, p50: null, p95: null });
      const total = hours.reduce((sum, hour) => sum + hour.delivered + hour.retried + hour.failed, 0);
      expect(total).toBe(14);
    });

    it("reads p50 and p95 from the buckets: the bound of the bucket holding the nearest rank, capped at the hour's slowest", async () => {
      const { hours } = await health.getDeliveryHealth(busyId, "24h", NOW);
      // Buckets 2, 1, 3, 5 (≤ 10, 25, 50, 100): the ceil(5.5) = 6th response is in ≤ 50, the
      // ceil(10.45) = 11th in ≤ 100.
      expect(hourOf(hours, "2026-12-03T12:00:00.000Z")).toMatchObject({ p50: 50, p95: 100 });
      // One response of 42 ms: its bucket's bound (50) is capped at the slowest, 42.
      expect(hourOf(hours, "2026-12-03T11:00:00.000Z")).toMatchObject({ p50: 42, p95: 42 });
      // Approximate: 3 ms and 12 s give p50 10 (the ≤ 10 bucket's bound), p95 the slowest.
      const spread = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
      expect([health.percentileFromBuckets(spread, 12_000, 50), health.percentileFromBuckets(spread, 12_000, 95)]).toEqual([10, 12_000]);
      expect(health.percentileFromBuckets([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 50)).toBeNull();
    });

    it("reaches six days further over 7 d, 168 hours, and no further", async () => {
      const { hours } = await health.getDeliveryHealth(busyId, "7d", NOW);
      expect(hours).toHaveLength(168);
      expect(hours[0].start).toBe("2026-11-26T13:00:00.000Z");
      expect(hourOf(hours, "2026-11-27T12:00:00.000Z")).toMatchObject({ delivered: 0, failed: 1, p50: 300, p95: 300 });
      expect(hourOf(hours, "2026-12-02T12:00:00.000Z")).toMatchObject({ delivered: 1 });
      const total = hours.reduce((sum, hour) => sum + hour.delivered + hour.retried + hour.failed, 0);
      expect(total).toBe(16);
    });

    it("shows a webhook without attempts as empty hours", async () => {
      const { hours } = await health.getDeliveryHealth(quietId, "24h", NOW);
      expect(hours).toHaveLength(24);
      expect(hours.every((hour) => hour.delivered + hour.retried + hour.failed === 0 && hour.p50 === null && hour.p95 === null)).toBe(true);
    });

    it("gives the list each webhook's 24 h tally and latest attempt, and nothing for one without attempts", async () => {
      const summaries = await health.getHealthSummaries([busyId, quietId, otherId], NOW);
      expect(summaries.get(busyId)).toEqual({
        attempts: 14,
        delivered: 10,
        lastAttempt: { at: "2026-12-03T12:31:00.000Z", outcome: "retried", httpStatus: "503 Service Unavailable" },
      });
      expect(summaries.get(quietId)).toEqual({ attempts: 0, delivered: 0, lastAttempt: null });
      expect(summaries.get(otherId)).toMatchObject({ attempts: 1, delivered: 0, lastAttempt: { outcome: "failed", httpStatus: "500 Reason" } });
    });

    it("adds up two instances' batches of the same webhook and hour, the latest attempt winning", async () => {
      await Promise.all([
        retriedAttempt(sharedId, at("2026-12-03T12:40:00.000Z"), 30, "instance-a"),
        retriedAttempt(sharedId, at("2026-12-03T12:41:00.000Z"), 3000, "instance-b"),
        attempt(sharedId, at("2026-12-03T12:42:00.000Z"), 204, 60, "delivered"),
      ]);
      const hour = hourOf((await health.getDeliveryHealth(sharedId, "24h", NOW)).hours, "2026-12-03T12:00:00.000Z");
      expect(hour).toEqual({ start: "2026-12-03T12:00:00.000Z", delivered: 1, retried: 2, failed: 0, p50: 100, p95: 3000 });
      expect((await health.getHealthSummaries([sharedId], NOW)).get(sharedId)).toEqual({
        attempts: 3, delivered: 1, lastAttempt: { at: "2026-12-03T12:42:00.000Z", outcome: "delivered", httpStatus: "204 Reason" },
      });
    });

    it("does not count an attempt whose delivery was deleted before it was recorded", async () => {
      await store.recordSentNow(
        {
          deliveryId: `${kind}-gone`, number: 1, requestMethod: "POST", requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]", requestBody: "{}",
          requestBodyTruncated: false, responseStatus: 200, responseReason: "OK", responseHeaders: "[]", responseBody: "", responseBodyTruncated: false,
          error: null, durationMs: 5,
        },
        { state: "delivered", lastStatus: "200 OK" },
        at("2026-12-03T12:50:00.000Z"),
      );
      expect((await health.getHealthSummaries([quietId], NOW)).get(quietId)).toEqual({ attempts: 0, delivered: 0, lastAttempt: null });
    });

    it("looks the list's webhooks up by name within their registry", async () => {
      const byName = await health.getHealthByName(`health${kind}`, ["busy", "quiet", "missing"], NOW);
      expect(Object.keys(byName).sort()).toEqual(["busy", "quiet"]);
      expect(byName.busy.attempts).toBe(14);
    });

    it("lets housekeeping drop the hours older than 8 days, and nothing the 7 d chart shows", async () => {
      expect(await pruning.pruneHealthHours(NOW.getTime())).toBe(1);
      expect(await db.webhookHealthHour.count({ where: { hourStart: { lt: at("2026-11-26T13:00:00.000Z") } } })).toBe(0);
      expect((await health.getDeliveryHealth(busyId, "7d", NOW)).hours.reduce((sum, hour) => sum + hour.delivered + hour.retried + hour.failed, 0)).toBe(16);
    });
  });
};
