// The benchmark's own access to the portal's SQLite database: webhooks in before the run,
// state and payloads out after it.

import { createCipheriv, createHash, randomBytes, randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DB_FILE, REGISTRY_NAME, ROOT, SECRET_KEY } from "./settings.mjs";

/** Opens the database for the length of `use`, and always closes it again. */
const withDb = (readonly, use) => {
  const db = new Database(path.join(ROOT, DB_FILE), { readonly, fileMustExist: true });
  try {
    // The portal writes in WAL mode; wait for its locks instead of failing.
    db.pragma("busy_timeout = 10000");
    return use(db);
  } finally {
    db.close();
  }
};

/** Formats `date` the way the sample DateTime column value is stored (Prisma's choice, not ours). */
const dateLike = (sample, date) => {
  if (typeof sample === "number") return sample > 1e11 ? date.getTime() : Math.floor(date.getTime() / 1000);
  const iso = date.toISOString();
  if (/[+-]00:00$/.test(sample)) return iso.replace("Z", "+00:00");
  if (/Z$/.test(sample)) return iso;
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(sample)) return iso.slice(0, 19).replace("T", " ");
  throw new Error(`unrecognised DateTime storage format: ${JSON.stringify(sample)}`);
};

/**
 * Encrypts like lib/crypto/secret-box.ts ("v1:" + base64 of iv | tag | ciphertext, key = SHA-256
 * of SECRET_KEY), so the worker takes the same decrypting path as for webhooks made in the UI.
 */
const seal = (plaintext) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(SECRET_KEY, "utf8").digest(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
};

/** Inserts `count` enabled push webhooks pointing at the receiver, sealed as the portal stores them. */
export const insertWebhooks = (count, serviceUri) =>
  withDb(false, (db) => {
    const registry = db.prepare(`SELECT "id", "createdAt" FROM "Registry" WHERE "name" = ?`).get(REGISTRY_NAME);
    if (!registry) throw new Error(`registry "${REGISTRY_NAME}" was not created by the portal`);
    const now = dateLike(registry.createdAt, new Date());
    const insert = db.prepare(
      `INSERT INTO "Webhook" ("id", "registryId", "name", "serviceUri", "customHeaders", "actions", "status", "scope", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, 'push', 'enabled', '', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        insert.run(`benchwh${i}${randomUUID().replaceAll("-", "")}`, registry.id, `benchhook${String(i).padStart(4, "0")}`, seal(serviceUri), seal("[]"), now, now);
      }
    })();
  });

/** What the checks look at: attempts made, deliveries by state, and why some did not succeed. */
export const readDeliveryState = () =>
  withDb(true, (db) => {
    const attempts = db.prepare(`SELECT COUNT(*) AS n FROM "Attempt"`).get().n;
    const states = Object.fromEntries(
      db.prepare(`SELECT "state", COUNT(*) AS n FROM "Delivery" GROUP BY "state"`).all().map((row) => [row.state, row.n]),
    );
    const deliveries = Object.values(states).reduce((sum, n) => sum + n, 0);
    // Why deliveries did not succeed, in the portal's own words (shown when a check fails).
    const notDelivered = db
      .prepare(`SELECT "lastStatus", COUNT(*) AS n FROM "Delivery" WHERE "state" != 'delivered' GROUP BY "lastStatus" ORDER BY n DESC LIMIT 5`)
      .all();
    return { attempts, deliveries, delivered: states.delivered ?? 0, states, notDelivered };
  });

/** The exact bodies the portal sent, for the baseline to send again. */
export const readPayloads = () => withDb(true, (db) => db.prepare(`SELECT "payload" FROM "Delivery" ORDER BY "seq"`).pluck().all());

/** Deliveries left, and pages the file could still hand back. */
export const readHousekeepingState = () =>
  withDb(true, (db) => ({
    deliveries: db.prepare(`SELECT COUNT(*) AS n FROM "Delivery"`).get().n,
    freePages: db.pragma("freelist_count", { simple: true }),
  }));

/** Bytes of the database file and of its write-ahead log. */
export const fileSizes = () => {
  const size = (file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  const file = path.join(ROOT, DB_FILE);
  return { db: size(file), wal: size(`${file}-wal`) };
};
