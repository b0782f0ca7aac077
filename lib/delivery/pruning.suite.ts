import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

// Retention on a real database with the real migrations, not a mock: run on SQLite and on
// PostgreSQL by lib/delivery/pruning.<kind>.test.ts.

export const describePruning = (kind: DatabaseKind) => {
  const database = temporaryDatabase(`pruning-${kind}`, kind);

  type Db = typeof import("../db").db;
  let db: Db;
  let pruning: typeof import("./pruning");
  let raw: typeof import("../db-raw");
  let BATCH: number;

  beforeAll(async () => {
    db = await database.open();
    pruning = await import("./pruning");
    raw = await import("../db-raw");
    ({ BATCH } = await import("../db/batches"));
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const registryId = async () =>
    (await db.registry.upsert({ where: { name: "pruning" }, update: {}, create: { name: "pruning" } })).id;

  const newWebhook = async (name: string) =>
    (await db.webhook.create({ data: { registryId: await registryId(), name, serviceUri: "http://127.0.0.1:9/x", actions: "push" } })).id;

  /** Inserts deliveries (each with one attempt) in two statements: thousands in milliseconds. */
  const seedDeliveries = async (webhookId: string, states: string[], registryEventId: number | null = null) => {
    await db.delivery.createMany({
      data: states.map((state, index) => ({ id: `${webhookId}-${index}`, webhookId, registryEventId, action: "push", payload: "{}", state })),
    });
    await db.attempt.createMany({
      data: states.map((_, index) => ({
        deliveryId: `${webhookId}-${index}`, number: 1, requestMethod: "POST", requestUri: "http://127.0.0.1:9/x",
        requestHeaders: "[]", requestBody: "{}", durationMs: 1,
      })),
    });
  };

  const countDeliveries = (webhookId: string) => db.delivery.count({ where: { webhookId } });

  /**
   * What the event loop saw at its next turn after the work started: whether the work had ended,
   * and on SQLite how many of `webhookId`'s deliveries were left (counted synchronously through
   * better-sqlite3, so exactly what the prune had committed then). On PostgreSQL a count would
   * race the prune on another connection, so there the turn must simply come before it ends.
   */
  const nextTurnDuring = (webhookId: string) => {
    let isDone = false;
    const seen = new Promise<{ isDone: boolean; left: number }>((resolve) =>
      setImmediate(() =>
        resolve({
          isDone,
          left: kind === "sqlite" ? (raw.rawDb().prepare(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "webhookId" = ?`).get(webhookId) as { n: number }).n : NaN,
        }),
      ),
    );
    return { seen, markDone: () => (isDone = true) };
  };

  describe("pruneOldDeliveries", () => {
    it("keeps each webhook's newest events and every pending one, and removes their attempts", async () => {
      const crowded = await newWebhook("crowded");
      await seedDeliveries(crowded, ["pending", "delivered", "failed", "delivered", "delivered", "delivered"]);
      const quiet = await newWebhook("quiet");
      await seedDeliveries(quiet, ["delivered", "delivered"]);

      await pruning.pruneOldDeliveries(3);

      const left = await db.delivery.findMany({ where: { webhookId: crowded }, orderBy: { seq: "asc" }, select: { id: true } });
      expect(left.map((delivery) => delivery.id)).toEqual([`${crowded}-0`, `${crowded}-3`, `${crowded}-4`, `${crowded}-5`]);
      expect(await countDeliveries(quiet)).toBe(2);
      expect(await db.attempt.count({ where: { delivery: { webhookId: crowded } } })).toBe(4);
      await db.webhook.deleteMany({ where: { id: { in: [crowded, quiet] } } });
    });

    it("deletes a large backlog in batches, letting other work run in between", async () => {
      const busy = await newWebhook("busy");
      await seedDeliveries(busy, Array(3 * BATCH + 10).fill("delivered"));

      const turn = nextTurnDuring(busy);
      expect(await pruning.pruneOldDeliveries(10).finally(turn.markDone)).toBe(3 * BATCH);
      expect(await countDeliveries(busy)).toBe(10);
      // Other work ran while the prune was under way, not only before or after it.
      const midway = await turn.seen;
      expect(midway.isDone).toBe(false);
      if (kind === "sqlite") {
        expect(midway.left).toBeLessThan(3 * BATCH + 10);
        expect(midway.left).toBeGreaterThan(10);
      }
    });
  });

  describe("deleteDeliveriesOf", () => {
    it("deletes every delivery and attempt of one webhook, pending ones too, in batches", async () => {
      const doomed = await newWebhook("doomed");
      const other = await newWebhook("other");
      await seedDeliveries(doomed, [...Array(2 * BATCH).fill("delivered"), "pending", "failed"]);
      await seedDeliveries(other, ["delivered"]);

      const turn = nextTurnDuring(doomed);
      expect(await pruning.deleteDeliveriesOf(doomed).finally(turn.markDone)).toBe(2 * BATCH + 2);
      expect(await countDeliveries(doomed)).toBe(0);
      const midway = await turn.seen;
      expect(midway.isDone).toBe(false);
      if (kind === "sqlite") expect(midway.left).toBeGreaterThan(0);
      expect(await db.attempt.count({ where: { deliveryId: { startsWith: doomed } } })).toBe(0);
      expect(await countDeliveries(other)).toBe(1);
    });
  });

  describe("pruneRegistryEvents", () => {
    const HOUR = 60 * 60 * 1000;
    const now = Date.parse("2026-12-01T12:00:00Z");

    it("forgets notifications older than the window that no delivery refers to, and keeps the rest", async () => {
      const registry = await registryId();
      const insert = (sourceId: string, receivedAt: Date) =>
        db.registryEvent.create({ data: { registryId: registry, sourceId, action: "push", repository: "app", receivedAt } });
      const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
      // Enough old ones to need several batches, then one still referenced, then recent ones.
      await db.registryEvent.createMany({
        data: Array.from({ length: 2 * BATCH + 5 }, (_, index) => ({ registryId: registry, sourceId: `old-${index}`, action: "push", repository: "app", receivedAt: at(48) })),
      });
      const old = { length: 2 * BATCH + 5 };
      const referenced = await insert("referenced", at(30));
      await insert("recent-1", at(2));
      await insert("recent-2", at(1));
      const webhook = await newWebhook("events");
      await seedDeliveries(webhook, ["delivered"], referenced.seq);

      expect(await pruning.pruneRegistryEvents(24, now)).toBe(old.length);

      const left = await db.registryEvent.findMany({ orderBy: { seq: "asc" }, select: { sourceId: true } });
      expect(left.map((event) => event.sourceId)).toEqual(["referenced", "recent-1", "recent-2"]);

      // Once its deliveries are gone, the old notification goes too.
      await pruning.deleteDeliveriesOf(webhook);
      expect(await pruning.pruneRegistryEvents(24, now)).toBe(1);
    });
  });

  describe("pruneTagDigests", () => {
    it("forgets tags last pushed before the retention, oldest first, in batches", async () => {
      const registry = await registryId();
      const day = 24 * 60 * 60 * 1000;
      const now = Date.parse("2026-12-01T12:00:00Z");
      await db.tagDigest.createMany({
        data: [
          ...Array.from({ length: BATCH + 3 }, (_, index) => ({
            registryId: registry, repository: "app", digest: `sha256:${index}`, tag: `old-${index}`, updatedAt: new Date(now - 100 * day),
          })),
          { registryId: registry, repository: "app", digest: "sha256:new", tag: "v2", updatedAt: new Date(now - 89 * day) },
        ],
      });

      expect(await pruning.pruneTagDigests(90, now)).toBe(BATCH + 3);
      expect((await db.tagDigest.findMany({ select: { tag: true } })).map((row) => row.tag)).toEqual(["v2"]);
    });
  });
};
