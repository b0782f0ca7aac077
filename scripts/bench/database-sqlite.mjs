// The benchmark's SQL on SQLite (better-sqlite3, a dependency of the portal): one file,
// opened for each call and closed again, while the portal keeps it open in WAL mode.

import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { benchWebhooks } from "./seal.mjs";
import { DB_FILE, REGISTRY_NAME, ROOT } from "./settings.mjs";

const FILE = path.join(ROOT, DB_FILE);

/** Opens the database for the length of `work`, and always closes it again. */
const withDb = (readonly, work) => {
  const db = new Database(FILE, { readonly, fileMustExist: true });
  try {
    // The portal writes in WAL mode; wait for its locks instead of failing.
    db.pragma("busy_timeout = 10000");
    return work(db);
  } finally {
    db.close();
  }
};

/** Formats `date` the way the sample DateTime column value is stored (Prisma's choice, not ours). */
export const dateLike = (sample, date) => {
  if (typeof sample === "number") return sample > 1e11 ? date.getTime() : Math.floor(date.getTime() / 1000);
  const iso = date.toISOString();
  if (/[+-]00:00$/.test(sample)) return iso.replace("Z", "+00:00");
  if (/Z$/.test(sample)) return iso;
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(sample)) return iso.slice(0, 19).replace("T", " ");
  throw new Error(`unrecognised DateTime storage format: ${JSON.stringify(sample)}`);
};

const fileSize = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** @returns the functions of ./database.mjs, on data/bench.db */
export const openSqlite = () => ({
  insertWebhooks: async (count, serviceUri) =>
    withDb(false, (db) => {
      const registry = db.prepare(`SELECT "id", "createdAt" FROM "Registry" WHERE "name" = ?`).get(REGISTRY_NAME);
      if (!registry) throw new Error(`registry "${REGISTRY_NAME}" was not created by the portal`);
      const now = dateLike(registry.createdAt, new Date());
      const insert = db.prepare(
        `INSERT INTO "Webhook" ("id", "registryId", "name", "serviceUri", "customHeaders", "actions", "status", "scope", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, 'push', 'enabled', '', ?, ?)`,
      );
      db.transaction(() => {
        for (const hook of benchWebhooks(count, serviceUri)) {
          insert.run(hook.id, registry.id, hook.name, hook.serviceUri, hook.customHeaders, now, now);
        }
      })();
    }),

  readDeliveryState: async () =>
    withDb(true, (db) => {
      const attempts = db.prepare(`SELECT COUNT(*) AS n FROM "Attempt"`).get().n;
      const repeated = db
        .prepare(`SELECT COUNT(*) AS n FROM (SELECT "deliveryId" FROM "Attempt" GROUP BY "deliveryId" HAVING COUNT(*) > 1)`)
        .get().n;
      const states = Object.fromEntries(
        db.prepare(`SELECT "state", COUNT(*) AS n FROM "Delivery" GROUP BY "state"`).all().map((row) => [row.state, row.n]),
      );
      const notDelivered = db
        .prepare(`SELECT "lastStatus", COUNT(*) AS n FROM "Delivery" WHERE "state" != 'delivered' GROUP BY "lastStatus" ORDER BY n DESC LIMIT 5`)
        .all();
      return { attempts, repeated, states, notDelivered };
    }),

  readPayloads: async () => withDb(true, (db) => db.prepare(`SELECT "payload" FROM "Delivery" ORDER BY "seq"`).pluck().all()),

  readHousekeepingState: async () =>
    withDb(true, (db) => ({
      deliveries: db.prepare(`SELECT COUNT(*) AS n FROM "Delivery"`).get().n,
      // Pages the file could still hand back; housekeeping is done when none are left.
      freePages: db.pragma("freelist_count", { simple: true }),
    })),

  storage: async () => ({ parts: [["file", fileSize(FILE)], ["WAL", fileSize(`${FILE}-wal`)]] }),

  close: async () => {},
});
