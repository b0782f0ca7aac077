import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite database with the real migrations, not a mock.
const database = temporaryDatabase("retention");

type Db = typeof import("../db").db;
let db: Db;
let pruneOldDeliveries: typeof import("./retention").pruneOldDeliveries;

beforeAll(async () => {
  db = await database.open();
  ({ pruneOldDeliveries } = await import("./retention"));
}, 60_000);

afterAll(async () => {
  await database.close();
});

const seedWebhook = async (name: string, states: string[]) => {
  const registry = await db.registry.upsert({ where: { name: "retention" }, update: {}, create: { name: "retention" } });
  const webhook = await db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "http://127.0.0.1:9/x", actions: "push" } });
  for (const [index, state] of states.entries()) {
    await db.delivery.create({
      data: {
        id: `${name}-${index}`,
        webhookId: webhook.id,
        action: "push",
        payload: "{}",
        state,
        attempts: {
          create: { number: 1, requestMethod: "POST", requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]", requestBody: "{}", durationMs: 1 },
        },
      },
    });
  }
  return webhook.id;
};

describe("pruneOldDeliveries", () => {
  it("keeps each webhook's newest events and every pending one, and removes their attempts", async () => {
    const crowded = await seedWebhook("crowded", ["pending", "delivered", "failed", "delivered", "delivered", "delivered"]);
    const quiet = await seedWebhook("quiet", ["delivered", "delivered"]);

    await pruneOldDeliveries(3);

    const left = await db.delivery.findMany({ where: { webhookId: crowded }, orderBy: { seq: "asc" }, select: { id: true } });
    expect(left.map((delivery) => delivery.id)).toEqual(["crowded-0", "crowded-3", "crowded-4", "crowded-5"]);
    expect(await db.delivery.count({ where: { webhookId: quiet } })).toBe(2);
    expect(await db.attempt.count({ where: { delivery: { webhookId: crowded } } })).toBe(4);
    expect(await db.attempt.count()).toBe(6);
  });
});
