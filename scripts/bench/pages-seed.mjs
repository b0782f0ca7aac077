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
 * chart's 24 h hold 86,400 of them), every `attemptEvery`th with one Attempt, added to the
 * hourly health rollup the chart reads (the attempt's outcome is the rollup's alone).
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
         "responseStatus", "responseReason", "responseHeaders", "responseBody", "durationMs")
       VALUES (?, 1, ?, 'POST', 'https://receiver.invalid/hook', '[]', ?, ?, ?, '[]', 'ok', ?)`,
    );
    const start = Date.now() - count * 1000;
    const rollup = new HourRollup();
    for (let first = 0; first < count; first += batch) {
      db.transaction(() => {
        for (let index = first; index < Math.min(count, first + batch); index += 1) {
          const id = randomUUID();
          const at = dateLike(sample, new Date(start + index * 1000));
          const payload = JSON.stringify({ id, action: "push", target: { repository: "bench/app", tag: `v${index}` } });
          const [outcome, status, reason, state, lastStatus] = outcomeOf(index);
          // None is left pending (the portal's worker would send it): the rollup alone says "retried".
          delivery.run(id, webhookId, `bench/app:v${index}`, payload, state === "pending" ? "failed" : state, lastStatus, at);
          if (index % attemptEvery === 0) {
            attempt.run(id, at, payload, status, reason, durationOf(index));
            rollup.add(webhookId, start + index * 1000, outcome, durationOf(index), lastStatus);
          }
        }
      })();
    }
    rollup.write(db);
  });

// --- The hourly health rollup (WebhookHealthHour), as the portal's store keeps it while it
// records attempts (lib/db/health-rollup.ts: same bounds, counts, latest attempt), written here
// in one go for the seeded attempts. Dates as lib/db-raw.ts's sqlDate writes them. ---

const BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const BUCKETS = [...BOUNDS_MS.map((bound) => `le${bound}`), "leInf"];
const HOUR_MS = 3_600_000;
const sqlDate = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");

class HourRollup {
  rows = new Map();

  add(webhookId, atMs, outcome, durationMs, status) {
    const hourStart = Math.floor(atMs / HOUR_MS) * HOUR_MS;
    const key = `${webhookId} ${hourStart}`;
    const row = this.rows.get(key) ?? { webhookId, hourStart, delivered: 0, retried: 0, failed: 0, responded: 0, buckets: BUCKETS.map(() => 0), max: 0 };
    this.rows.set(key, row);
    row[outcome] += 1;
    row.responded += 1;
    const bucket = BOUNDS_MS.findIndex((bound) => durationMs <= bound);
    row.buckets[bucket === -1 ? BOUNDS_MS.length : bucket] += 1;
    row.max = Math.max(row.max, durationMs);
    Object.assign(row, { latestAt: atMs, latestOutcome: outcome, latestStatus: status });
  }

  write(db) {
    const insert = db.prepare(
      `INSERT INTO "WebhookHealthHour" ("webhookId", "hourStart", "delivered", "retried", "failed", "responded",
         ${BUCKETS.map((column) => `"${column}"`).join(", ")}, "maxDurationMs", "latestAt", "latestOutcome", "latestStatus")
       VALUES (${Array.from({ length: 6 + BUCKETS.length + 4 }, () => "?").join(", ")})`,
    );
    db.transaction(() => {
      for (const row of this.rows.values()) {
        insert.run(row.webhookId, sqlDate(row.hourStart), row.delivered, row.retried, row.failed, row.responded, ...row.buckets,
          row.max, sqlDate(row.latestAt), row.latestOutcome, row.latestStatus);
      }
    })();
  }
}

/**
 * Every other webhook gets 7 days of hours with a few attempts each (the rollup as large as
 * 500 busy webhooks make it, and each list row reads 24 rows).
 */
export const seedHealthHours = (file, exceptId) =>
  withDb(file, (db) => {
    const rollup = new HourRollup();
    const now = Date.now();
    const ids = db.prepare(`SELECT "id" FROM "Webhook" WHERE "id" <> ?`).pluck().all(exceptId);
    for (const id of ids) {
      for (let hour = 0; hour < 168; hour += 1) {
        const at = now - hour * HOUR_MS;
        rollup.add(id, at - 1000, "retried", 480, "503 Service Unavailable");
        rollup.add(id, at, "delivered", 35 + (hour % 50), "200 OK");
      }
    }
    rollup.write(db);
  });
