// What does the delivery queue's storage cost per delivery on SQLite, with random event ids
// (UUID version 4, what the portal used before) against time-ordered ones (version 7, made by
// the portal's own lib/delivery/delivery-id.mjs)? The ids are keys of two indexes that take an
// entry per delivery: Delivery's unique "id" and Attempt's ("deliveryId", "number"). Random keys
// land on a different B-tree page each time; time-ordered ones fill the last pages in turn.
//
//   node scripts/bench/store.mjs [--events 10000] [--webhooks 5] [--prefill 100000] [--envelope 50] [--batch 64]
//
// For each id kind, on a fresh file with the real migrations, first empty and then already
// holding --prefill delivered events (one delivery per webhook each), written with the same
// kind of id:
//   ingest  --events push events in transactions of --envelope, one delivery per webhook each
//           (the statements of ingest's turn: seen, insertEvent, insertDelivery);
//   record  each of those deliveries settled as delivered with its attempt, --batch per
//           transaction (the delivery thread's settle: insertAttempt, settle).
// Connections as the hot path opens them (WAL, synchronous NORMAL, foreign keys on). Prints
// microseconds per delivery for each, and the bytes it wrote (WAL and checkpoints); the
// baseline is version 4.
// Plain better-sqlite3 on the statements' SQL (copied from lib/db/sqlite/delivery-store.ts, the
// parts that touch the ids), so it measures the storage, not the rest of the portal.

import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { migrateSqlite } from "../../lib/db/migrate-sqlite.mjs";
import { newDeliveryId } from "../../lib/delivery/delivery-id.mjs";
import { fmtInt, log } from "./format.mjs";
import { ROOT } from "./settings.mjs";

const { values: options } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    webhooks: { type: "string", default: "5" },
    prefill: { type: "string", default: "100000" },
    envelope: { type: "string", default: "50" },
    batch: { type: "string", default: "64" },
  },
});
const [events, webhooks, prefill, envelope, batch] = ["events", "webhooks", "prefill", "envelope", "batch"].map((name) => {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < (name === "prefill" ? 0 : 1)) throw new Error(`--${name} must be a whole number (got ${options[name]})`);
  return value;
});

const KINDS = [
  { name: "version 4 (random)", next: () => randomUUID() },
  { name: "version 7 (time-ordered)", next: () => newDeliveryId() },
];

// A push delivery's body and its attempt are about this size in the portal (ACR's payload).
const PAYLOAD = JSON.stringify({ id: randomUUID(), action: "push", target: { digest: `sha256:${"a".repeat(64)}` }, pad: "x".repeat(480) });

const SQL = {
  seen: `SELECT 1 FROM "RegistryEvent" WHERE "registryId" = ? AND "sourceId" = ?`,
  insertEvent: `INSERT INTO "RegistryEvent" ("registryId", "sourceId", "action", "repository", "receivedAt") VALUES (?, ?, 'push', 'app', ?) RETURNING "seq"`,
  insertDelivery: `INSERT INTO "Delivery" ("id", "webhookId", "registryEventId", "action", "image", "payload", "state", "attemptCount",
                     "nextAttemptAt", "leaseUntil", "leaseOwner", "lastStatus", "serviceUriHash", "createdAt")
                   VALUES (?, ?, ?, 'push', 'app:v1', ?, 'pending', 0, ?, 0, '', '', '', ?)`,
  insertAttempt: `INSERT INTO "Attempt" ("deliveryId", "number", "createdAt", "requestMethod", "requestUri", "requestHeaders", "requestBody",
                    "requestBodyTruncated", "responseStatus", "responseReason", "responseHeaders", "responseBody", "responseBodyTruncated",
                    "error", "durationMs")
                  SELECT ?, 1, ?, 'POST', 'http://127.0.0.1:9/hook', '[]', ?, 0, 200, 'OK', '[]', '', 0, '', 3
                  WHERE EXISTS (SELECT 1 FROM "Delivery" WHERE "id" = ?)`,
  settle: `UPDATE "Delivery" SET "state" = 'delivered', "lastStatus" = '200', "nextAttemptAt" = 0, "leaseUntil" = 0, "leaseOwner" = '',
             "attemptCount" = "attemptCount" + 1 WHERE "id" = ?`,
};

const open = (file) => {
  const connection = new Database(file);
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  return connection;
};

/** A row of `table` with its required columns filled, from `given` or made up. */
const insertRow = (connection, table, given) => {
  const required = connection.prepare(`PRAGMA table_info("${table}")`).all().filter((column) => column.notnull && column.dflt_value === null);
  const row = Object.fromEntries(required.map((column) => [column.name, column.type === "DATETIME" ? new Date().toISOString() : `${table}-${column.name}`]));
  Object.assign(row, given);
  connection.prepare(`INSERT INTO "${table}" (${Object.keys(row).map((name) => `"${name}"`).join(", ")}) VALUES (${Object.keys(row).map(() => "?").join(", ")})`).run(...Object.values(row));
};

/** A migrated file with one registry and its webhooks. */
const freshDatabase = (directory, label) => {
  const file = path.join(directory, `${label}.db`);
  migrateSqlite({ file, folder: path.join(ROOT, "prisma/migrations") });
  const connection = open(file);
  insertRow(connection, "Registry", { id: "registry", name: "registry" });
  for (let w = 0; w < webhooks; w += 1) insertRow(connection, "Webhook", { id: `webhook-${w}`, registryId: "registry", name: `webhook-${w}` });
  return { file, connection };
};

/** `count` events in transactions of --envelope; returns the deliveries' ids in order. */
const ingest = (connection, count, nextId) => {
  const statements = Object.fromEntries(Object.entries(SQL).map(([name, text]) => [name, connection.prepare(text)]));
  const ids = [];
  const envelopeTransaction = connection.transaction((size) => {
    const now = new Date();
    for (let e = 0; e < size; e += 1) {
      const sourceId = randomUUID();
      statements.seen.get("registry", sourceId);
      const { seq } = statements.insertEvent.get("registry", sourceId, now.toISOString());
      for (let w = 0; w < webhooks; w += 1) {
        const id = nextId();
        statements.insertDelivery.run(id, `webhook-${w}`, seq, PAYLOAD, now.getTime(), now.toISOString());
        ids.push(id);
      }
    }
  });
  for (let done = 0; done < count; done += envelope) envelopeTransaction(Math.min(envelope, count - done));
  return ids;
};

/** Each delivery settled with its attempt, --batch per transaction. */
const record = (connection, ids) => {
  const insertAttempt = connection.prepare(SQL.insertAttempt);
  const settle = connection.prepare(SQL.settle);
  const batchTransaction = connection.transaction((some) => {
    const now = new Date().toISOString();
    for (const id of some) {
      insertAttempt.run(id, now, PAYLOAD, id);
      settle.run(id);
    }
  });
  for (let at = 0; at < ids.length; at += batch) batchTransaction(ids.slice(at, at + batch));
};

/** Bytes this process has handed to write() so far (the WAL's frames and the checkpoints' copies). */
const bytesWritten = () => Number(/^wchar: (\d+)$/m.exec(readFileSync("/proc/self/io", "utf8"))?.[1] ?? Number.NaN);

const timed = (work) => {
  const [started, writtenBefore] = [performance.now(), bytesWritten()];
  const result = work();
  return { ms: performance.now() - started, written: bytesWritten() - writtenBefore, result };
};

const measure = (directory, kind, stored) => {
  const { file, connection } = freshDatabase(directory, `${kind.name.split(" ")[1]}-${stored}`);
  if (stored > 0) {
    record(connection, ingest(connection, stored, kind.next));
    connection.pragma("wal_checkpoint(TRUNCATE)");
  }
  connection.close();
  // The measured part on a connection of its own, as a restarted portal would open it.
  const hot = open(file);
  const ingested = timed(() => ingest(hot, events, kind.next));
  const recorded = timed(() => record(hot, ingested.result));
  hot.close();
  const deliveries = ingested.result.length;
  return {
    ingestUs: (ingested.ms * 1000) / deliveries,
    recordUs: (recorded.ms * 1000) / deliveries,
    ingestKiB: ingested.written / 1024 / deliveries,
    recordKiB: recorded.written / 1024 / deliveries,
  };
};

const directory = mkdtempSync(path.join(os.tmpdir(), "rw-bench-store-"));
try {
  log(`[store] SQLite, ${fmtInt(events)} events × ${webhooks} webhooks = ${fmtInt(events * webhooks)} deliveries, envelopes of ${envelope}, records in batches of ${batch}`);
  const rows = [];
  for (const stored of prefill > 0 ? [0, prefill] : [0]) {
    for (const kind of KINDS) {
      const figures = measure(directory, kind, stored);
      rows.push({ stored, kind: kind.name, ...figures });
      log(
        `[store] ${kind.name}, ${fmtInt(stored)} events already stored: ingest ${figures.ingestUs.toFixed(1)} µs/delivery` +
          ` (${figures.ingestKiB.toFixed(1)} KiB written), record ${figures.recordUs.toFixed(1)} µs/delivery` +
          ` (${figures.recordKiB.toFixed(1)} KiB written)`,
      );
    }
  }
  log();
  log("Per delivery: µs (KiB written)                   ingest              record        ingest + record, vs version 4");
  for (const row of rows) {
    const baseline = rows.find((other) => other.stored === row.stored && other.kind === KINDS[0].name);
    const share = (100 * (row.ingestUs + row.recordUs)) / (baseline.ingestUs + baseline.recordUs);
    log(
      `  ${`${row.kind}, ${fmtInt(row.stored)} stored`.padEnd(48)}` +
        `${`${row.ingestUs.toFixed(1)} (${row.ingestKiB.toFixed(1)})`.padStart(14)}` +
        `${`${row.recordUs.toFixed(1)} (${row.recordKiB.toFixed(1)})`.padStart(20)}` +
        `${`${share.toFixed(0)} %`.padStart(18)}`,
    );
  }
  log(`JSON ${JSON.stringify({ events, webhooks, prefill, envelope, batch, rows })}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
