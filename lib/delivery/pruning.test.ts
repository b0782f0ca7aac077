import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite database with the real migrations, not a mock.
const database = temporaryDatabase("pruning");

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

/** Inserts deliveries (each with one attempt) straight through SQL: thousands in milliseconds. */
const seedDeliveries = (webhookId: string, states: string[], registryEventId: number | null = null) => {
  const connection = raw.rawDb();
  const delivery = connection.prepare(
    `INSERT INTO "Delivery" ("id", "webhookId", "registryEventId", "action", "payload", "state") VALUES (?, ?, ?, 'push', '{}', ?)`,
  );
  const attempt = connection.prepare(
    `INSERT INTO "Attempt" ("deliveryId", "number", "requestMethod", "requestUri", "requestHeaders", "requestBody", "durationMs")
     VALUES (?, 1, 'POST', 'http://127.0.0.1:9/x', '[]', '{}', 1)`,
  );
  connection.transaction(() => {
    for (const [index, state] of states.entries()) {
      delivery.run(`${webhookId}-${index}`, webhookId, registryEventId, state);
      attempt.run(`${webhookId}-${index}`);
    }
  })();
};

const countDeliveries = (webhookId: string) =>
  (raw.rawDb().prepare(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "webhookId" = ?`).get(webhookId) as { n: number }).n;

/** How many of `webhookId`'s deliveries were left when the event loop next got a turn. */
const leftAtNextTurn = (webhookId: string) => new Promise<number>((resolve) => setImmediate(() => resolve(countDeliveries(webhookId))));

describe("pruneOldDeliveries", () => {
  it("keeps each webhook's newest events and every pending one, and removes their attempts", async () => {
    const crowded = await newWebhook("crowded");
    seedDeliveries(crowded, ["pending", "delivered", "failed", "delivered", "delivered", "delivered"]);
    const quiet = await newWebhook("quiet");
    seedDeliveries(quiet, ["delivered", "delivered"]);

    await pruning.pruneOldDeliveries(3);

    const left = await db.delivery.findMany({ where: { webhookId: crowded }, orderBy: { seq: "asc" }, select: { id: true } });
    expect(left.map((delivery) => delivery.id)).toEqual([`${crowded}-0`, `${crowded}-3`, `${crowded}-4`, `${crowded}-5`]);
    expect(countDeliveries(quiet)).toBe(2);
    expect(await db.attempt.count({ where: { delivery: { webhookId: crowded } } })).toBe(4);
    await db.webhook.deleteMany({ where: { id: { in: [crowded, quiet] } } });
  });

  it("deletes a large backlog in batches, letting other work run in between", async () => {
    const busy = await newWebhook("busy");
    seedDeliveries(busy, Array(3 * BATCH + 10).fill("delivered"));

    const midway = leftAtNextTurn(busy);
    expect(await pruning.pruneOldDeliveries(10)).toBe(3 * BATCH);
    expect(countDeliveries(busy)).toBe(10);
    // Other work ran while the prune was under way, not only before or after it.
    expect(await midway).toBeLessThan(3 * BATCH + 10);
    expect(await midway).toBeGreaterThan(10);
  });
});

describe("deleteDeliveriesOf", () => {
  it("deletes every delivery and attempt of one webhook, pending ones too, in batches", async () => {
    const doomed = await newWebhook("doomed");
    const other = await newWebhook("other");
    seedDeliveries(doomed, [...Array(2 * BATCH).fill("delivered"), "pending", "failed"]);
    seedDeliveries(other, ["delivered"]);

    const midway = leftAtNextTurn(doomed);
    expect(await pruning.deleteDeliveriesOf(doomed)).toBe(2 * BATCH + 2);
    expect(countDeliveries(doomed)).toBe(0);
    expect(await midway).toBeGreaterThan(0);
    expect(await db.attempt.count({ where: { deliveryId: { startsWith: doomed } } })).toBe(0);
    expect(countDeliveries(other)).toBe(1);
  });
});

describe("pruneRegistryEvents", () => {
  const HOUR = 60 * 60 * 1000;
  const now = Date.parse("2026-12-01T12:00:00Z");

  it("forgets notifications older than the window that no delivery refers to, and keeps the rest", async () => {
    const registry = await registryId();
    const insert = raw.rawDb().prepare(
      `INSERT INTO "RegistryEvent" ("registryId", "sourceId", "action", "repository", "receivedAt") VALUES (?, ?, 'push', 'app', ?) RETURNING "seq"`,
    );
    const at = (hoursAgo: number) => raw.sqlDate(new Date(now - hoursAgo * HOUR));
    // Enough old ones to need several batches, then one still referenced, then recent ones.
    const old = Array.from({ length: 2 * BATCH + 5 }, (_, index) => insert.get(registry, `old-${index}`, at(48)));
    const referenced = insert.get(registry, "referenced", at(30)) as { seq: number };
    insert.get(registry, "recent-1", at(2));
    insert.get(registry, "recent-2", at(1));
    const webhook = await newWebhook("events");
    seedDeliveries(webhook, ["delivered"], referenced.seq);

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
    const insert = raw.rawDb().prepare(
      `INSERT INTO "TagDigest" ("registryId", "repository", "digest", "tag", "updatedAt") VALUES (?, 'app', ?, ?, ?)`,
    );
    raw.rawDb().transaction(() => {
      for (let index = 0; index < BATCH + 3; index += 1) insert.run(registry, `sha256:${index}`, `old-${index}`, raw.sqlDate(new Date(now - 100 * day)));
      insert.run(registry, "sha256:new", "v2", raw.sqlDate(new Date(now - 89 * day)));
    })();

    expect(await pruning.pruneTagDigests(90, now)).toBe(BATCH + 3);
    expect((await db.tagDigest.findMany({ select: { tag: true } })).map((row) => row.tag)).toEqual(["v2"]);
  });
});
