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
});
