// bench:pages' data, written straight into the portal's SQLite file with better-sqlite3 (WAL:
// the running portal keeps serving meanwhile): webhooks in the bench registry, and a webhook's
// events as Delivery rows, some with Attempt rows, in transactions of a few thousand rows.

import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { dateLike } from "./database-sqlite.mjs";
import { REGISTRY_NAME } from "./settings.mjs";
import { benchWebhooks } from "./seal.mjs";

const withDb = (file, work) => {
  const db = new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return work(db);
  } finally {
    db.close();
  }
};

/** Inserts webhooks `from` .. `to`-1 (names benchhook0000, ...), pointing nowhere reachable; returns the first one's id. */
export const seedWebhooks = (file, from, to) =>
  withDb(file, (db) => {
    const registry = db.prepare(`SELECT "id", "createdAt" FROM "Registry" WHERE "name" = ?`).get(REGISTRY_NAME);
    if (!registry) throw new Error(`registry "${REGISTRY_NAME}" was not created by the portal`);
    const now = dateLike(registry.createdAt, new Date());
    const insert = db.prepare(
      `INSERT INTO "Webhook" ("id", "registryId", "name", "serviceUri", "customHeaders", "actions", "status", "scope", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, 'push,delete', 'enabled', ?, ?, ?)`,
    );
    const hooks = benchWebhooks(to, "https://receiver.invalid/hook").slice(from);
    db.transaction(() => {
      hooks.forEach((hook, index) => insert.run(hook.id, registry.id, hook.name, hook.serviceUri, hook.customHeaders, index % 3 ? "" : "app:*", now, now));
    })();
    return db.prepare(`SELECT "id" FROM "Webhook" WHERE "name" = 'benchhook0000'`).pluck().get();
  });

/** Every 7th hour of seeded events is a bad one: its receiver answers 503 to every 4th. */
const isBadHour = (index) => Math.floor(index / 3600) % 7 === 3;

/** What the `index`th seeded attempt came to: mostly delivered, every 20th retried (503), every 50th failed (500). */
const outcomeOf = (index) =>
  index % 50 === 0 ? ["failed", 500, "Internal Server Error", "failed", "500 Internal Server Error"]
  : index % 20 === 0 || (isBadHour(index) && index % 4 === 0) ? ["retried", 503, "Service Unavailable", "pending", "503 Service Unavailable"]
  : ["delivered", 200, "OK", "delivered", "200 OK"];

/** Response times from 5 ms up, slower in waves of 12 hours, so the chart's p50/p95 lines move. */
const durationOf = (index) => Math.round((5 + (index % 400)) * (1.5 + Math.sin((index / 3600 / 12) * 2 * Math.PI)));

/**
 * `count` events for one webhook, oldest first a second apart (100,000 span 28 hours: the
 * chart's 24 h hold 86,400 of them), every `attemptEvery`th with one Attempt carrying the
 * webhook and an outcome, as the delivery chart reads them.
 */
export const seedEvents = (file, webhookId, count, { attemptEvery = 10, batch = 5000 } = {}) =>
  withDb(file, (db) => {
    const sample = db.prepare(`SELECT "createdAt" FROM "Registry" LIMIT 1`).pluck().get();
    const delivery = db.prepare(
      `INSERT INTO "Delivery" ("id", "webhookId", "action", "image", "payload", "state", "attemptCount", "lastStatus", "createdAt")
       VALUES (?, ?, 'push', ?, ?, ?, 1, ?, ?)`,
    );
    const attempt = db.prepare(
      `INSERT INTO "Attempt" ("deliveryId", "number", "createdAt", "requestMethod", "requestUri", "requestHeaders", "requestBody",
         "responseStatus", "responseReason", "responseHeaders", "responseBody", "durationMs", "webhookId", "outcome")
       VALUES (?, 1, ?, 'POST', 'https://receiver.invalid/hook', '[]', ?, ?, ?, '[]', 'ok', ?, ?, ?)`,
    );
    const start = Date.now() - count * 1000;
    for (let first = 0; first < count; first += batch) {
      db.transaction(() => {
        for (let index = first; index < Math.min(count, first + batch); index += 1) {
          const id = randomUUID();
          const at = dateLike(sample, new Date(start + index * 1000));
          const payload = JSON.stringify({ id, action: "push", target: { repository: "bench/app", tag: `v${index}` } });
          const [outcome, status, reason, state, lastStatus] = outcomeOf(index);
          // None is left pending (the portal's worker would send it): the attempt's outcome alone says "retried".
          delivery.run(id, webhookId, `bench/app:v${index}`, payload, state === "pending" ? "failed" : state, lastStatus, at);
          if (index % attemptEvery === 0) attempt.run(id, at, payload, status, reason, durationOf(index), webhookId, outcome);
        }
      })();
    }
  });
