import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestPush } from "../../e2e/support/distribution-events";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite database with the real migrations, not a mock.
const database = temporaryDatabase("ingest");

type Db = typeof import("../db").db;
let db: Db;
let ingestNotifications: typeof import("./ingest").ingestNotifications;
let rawDb: typeof import("../db-raw").rawDb;

beforeAll(async () => {
  db = await database.open();
  ({ ingestNotifications } = await import("./ingest"));
  ({ rawDb } = await import("../db-raw"));
}, 60_000);

/** Counted synchronously, at the very moment the event loop gets its turn. */
const deliveriesNow = () => (rawDb().prepare(`SELECT COUNT(*) AS n FROM "Delivery"`).get() as { n: number }).n;

afterAll(async () => {
  await database.close();
});

describe("ingestNotifications", () => {
  it("writes a large envelope in short transactions, letting other work run between them, and stores it once", async () => {
    const registry = await db.registry.create({ data: { name: "ingest" } });
    for (const name of ["one", "two", "three"]) {
      await db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "http://127.0.0.1:9/x", actions: "push" } });
    }
    const events = Array.from({ length: 3000 }, (_, index) => manifestPush("app", `v${index}`));

    // How many deliveries were stored when the event loop next got a turn after the first
    // transaction (ingest's turns run from setImmediate, like this).
    const storedAtNextTurn = new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(deliveriesNow()))));
    const summary = await ingestNotifications(registry, events);

    expect(summary).toEqual({ received: 3000, ignored: 0, duplicates: 0, accepted: 3000, deliveries: 9000, ignoredReasons: [] });
    expect(await db.delivery.count()).toBe(9000);
    // Other work ran while the envelope was being written, not only before or after it.
    expect(await storedAtNextTurn).toBeGreaterThan(0);
    expect(await storedAtNextTurn).toBeLessThan(9000);

    // Distribution sends the whole batch again when it got no answer: nothing is stored twice.
    const again = await ingestNotifications(registry, events);
    expect(again).toEqual({ received: 3000, ignored: 0, duplicates: 3000, accepted: 0, deliveries: 0, ignoredReasons: [] });
    expect(await db.delivery.count()).toBe(9000);
    expect(await db.registryEvent.count()).toBe(3000);
  }, 30_000);

  it("stores each delivery under a time-ordered id (UUID version 7), the payload's id, so the id indexes fill in order", async () => {
    const registry = await db.registry.create({ data: { name: "ingest-ids" } });
    await db.webhook.create({ data: { registryId: registry.id, name: "ids", serviceUri: "http://127.0.0.1:9/x", actions: "push" } });
    const before = Date.now();
    await ingestNotifications(registry, [manifestPush("app", "v1"), manifestPush("app", "v2")]);
    const deliveries = await db.delivery.findMany({ where: { webhook: { name: "ids" } }, orderBy: { seq: "asc" } });
    expect(deliveries).toHaveLength(2);
    for (const { id, payload } of deliveries) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBeGreaterThanOrEqual(before);
      expect(JSON.parse(payload).id).toBe(id);
    }
  });

  it("leaves the event loop to others between its transactions: a request needing many loop turns is not held for the whole envelope", async () => {
    const registry = await db.registry.create({ data: { name: "ingest-share" } });
    for (const name of ["one", "two", "three", "four"]) {
      await db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "http://127.0.0.1:9/x", actions: "push" } });
    }
    const before = deliveriesNow();
    const events = Array.from({ length: 4000 }, (_, index) => manifestPush("share", `v${index}`));

    // A page or health check goes through several turns of the event loop (socket, handler,
    // response). Started once the first transaction is in, it must get its turns before many
    // more transactions run: one 20 ms transaction per turn held it for 30 of them (0.6 s).
    const TURNS = 30;
    const requestDone = new Promise<number>((resolve) => {
      const hop = (left: number) => (left === 0 ? resolve(deliveriesNow() - before) : setImmediate(() => hop(left - 1)));
      setImmediate(() => hop(TURNS));
    });
    const storedAtFirstTurn = new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(deliveriesNow() - before))));
    const ingesting = ingestNotifications(registry, events);
    const [first, whenAnswered] = await Promise.all([storedAtFirstTurn, requestDone]);
    await ingesting;

    expect(first).toBeGreaterThan(0);
    // At most a few more transactions ran while the request took its 30 turns.
    expect(whenAnswered).toBeLessThanOrEqual(first * 4);
    expect(whenAnswered).toBeLessThan(16000);
  }, 60_000);
});
