import "server-only";
import type Database from "better-sqlite3";
import { BATCH } from "../batches";
import { ingestDb, preparedStatements, queueDb, sqlDate } from "../../db-raw";
import { fileDataSync, groupedSync } from "./wal-sync";
import { wakeDeliveryWorker } from "../queue-wake";
import { withWriteLock } from "./write-lock";
import { splitByCap, webhooksAtCap } from "../claim-cap";
import type { AttemptRow, AutoDisabled, Claimed, DeliveryStore, FanOut, IngestRegistry, RecoverSelection, Settlement, StoredEvent, StoredSome, SubscriberRow, TargetRow } from "../delivery-store-types";
import type { DisableRule } from "../../config/disable-rule";
import { AUTO_DISABLE_ACTION, autoDisableDetail, SUCCESS_REFRESH_MS, SYSTEM_ACTOR, webhookOutcomes } from "../webhook-outcomes";
import { toQueueDepth } from "../queue-depth";
import { ATTEMPTS_FORGOTTEN_PER_STORE, lastForgottenAttempt } from "../attempts-kept";
import { DELTA_COLUMNS, deltaValues, healthDeltas, outcomeOfState, rolledAttemptOf, UPSERT_CONFLICT, type RolledAttempt } from "../health-rollup";

// The delivery queue on SQLite (see lib/db/delivery-store-types.ts), through better-sqlite3's
// prepared statements: measured with `npm run bench:delivery`, Prisma's per-query compilation
// held the portal near 400 deliveries/s on 2 cores; prepared statements cost microseconds.
// better-sqlite3 is synchronous, so every transaction here is kept short (a time budget, or
// BATCH rows): it holds the event loop while it runs.

/** Ingest's statements, on its own connection (its commits are synced by syncIngest below). */
const ingestSql = preparedStatements({
  registry: `SELECT "id", "name", "host", "tokenHash" FROM "Registry" WHERE "name" = ?`,
  subscribers: `SELECT "id", "actions", "scope", "serviceUriHash", "payloadFormat" FROM "Webhook" WHERE "registryId" = ? AND "status" = 'enabled'`,
  seen: `SELECT 1 FROM "RegistryEvent" WHERE "registryId" = ? AND "sourceId" = ?`,
  insertEvent: `INSERT INTO "RegistryEvent" ("registryId", "sourceId", "action", "repository", "receivedAt")
                VALUES (?, ?, ?, ?, ?) RETURNING "seq"`,
  untag: `DELETE FROM "TagDigest" WHERE "registryId" = ? AND "repository" = ? AND "tag" = ?`,
  tag: `INSERT OR REPLACE INTO "TagDigest" ("registryId", "repository", "digest", "tag", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
  tagsOfDigest: `SELECT "tag" FROM "TagDigest" WHERE "registryId" = ? AND "repository" = ? AND "digest" = ?`,
  forgetDigest: `DELETE FROM "TagDigest" WHERE "registryId" = ? AND "repository" = ? AND "digest" = ?`,
  insertDelivery: `INSERT INTO "Delivery" ("id", "webhookId", "registryEventId", "action", "image", "payload", "state",
                     "attemptCount", "nextAttemptAt", "leaseUntil", "leaseOwner", "lastStatus", "serviceUriHash", "createdAt")
                   VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, 0, '', '', ?, ?)`,
}, ingestDb);

/** Makes ingest's commits durable: one fdatasync of the WAL for all commits since the last. */
let syncIngest: (() => Promise<void>) | null = null;
const syncIngestWal = () => (syncIngest ??= groupedSync(fileDataSync(`${ingestDb().name}-wal`)))();

/** The failed events Recover queues again (RecoverSelection), on the (webhookId, seq) index: real pushes and deletes, not pings or samples. */
const RECOVERABLE = `"state" = 'failed' AND "action" IN ('push', 'delete') AND "createdAt" >= @since AND "createdAt" <= @until
  AND ("serviceUriHash" = '' OR @serviceUriHash = '' OR "serviceUriHash" = @serviceUriHash)`;

/** The worker's and retention's statements, on the connection that does not sync every commit. */
const queueSql = preparedStatements({
  // The claim (see claimDue below), in two steps inside one transaction: the oldest due
  // deliveries of webhooks below their cap, and the lease on those picked.
  dueCandidates: `SELECT "seq", "webhookId" FROM "Delivery"
                  WHERE "state" = 'pending' AND "nextAttemptAt" <= @now AND "leaseUntil" <= @now
                    AND "webhookId" NOT IN (SELECT "value" FROM json_each(@full))
                  ORDER BY "nextAttemptAt", "seq" LIMIT @limit`,
  lease: `UPDATE "Delivery" SET "leaseOwner" = @owner, "leaseUntil" = @leaseUntil
          WHERE "seq" IN (SELECT "value" FROM json_each(@picked))
          RETURNING "seq", "id", "webhookId", "payload", "attemptCount"`,
  targets: `SELECT "id", "serviceUri", "customHeaders", "status", "signingSecret", "previousSigningSecret",
                   "previousSecretExpiresAt"
            FROM "Webhook" WHERE "id" IN (SELECT "value" FROM json_each(?))`,
  // Only while the delivery still exists: its webhook may have been deleted while the request
  // was in flight, and one missing row must not fail the whole batch's transaction.
  insertAttempt: `INSERT INTO "Attempt" ("deliveryId", "number", "createdAt", "requestMethod", "requestUri",
                    "requestHeaders", "requestBody", "requestBodyTruncated", "responseStatus", "responseReason",
                    "responseHeaders", "responseBody", "responseBodyTruncated", "error", "durationMs")
                  SELECT @deliveryId, @number, @createdAt, @requestMethod, @requestUri, @requestHeaders,
                    @requestBody, @requestBodyTruncated, @responseStatus, @responseReason, @responseHeaders,
                    @responseBody, @responseBodyTruncated, @error, @durationMs
                  WHERE EXISTS (SELECT 1 FROM "Delivery" WHERE "id" = @deliveryId)`,
  settle: `UPDATE "Delivery" SET "state" = ?, "lastStatus" = ?, "nextAttemptAt" = ?, "leaseUntil" = 0,
             "leaseOwner" = '', "attemptCount" = "attemptCount" + ?
           WHERE "id" = ? AND "leaseOwner" = ?`,
  // A webhook's health after a batch (lib/db/webhook-outcomes.ts). A success-only batch writes
  // nothing while the counter is 0 and lastSuccessAt is fresh: no write per batch on the hot path.
  recordOutcome: `UPDATE "Webhook" SET
                    "consecutiveFailures" = CASE WHEN @hadSuccess THEN @failures ELSE "consecutiveFailures" + @failures END,
                    "lastSuccessAt" = CASE WHEN @hadSuccess THEN @now ELSE "lastSuccessAt" END,
                    "lastError" = CASE WHEN @failures > 0 THEN @lastError ELSE "lastError" END,
                    "lastErrorAt" = CASE WHEN @failures > 0 THEN @now ELSE "lastErrorAt" END
                  WHERE "id" = @webhookId
                    AND (@failures > 0 OR "consecutiveFailures" > 0 OR "lastSuccessAt" IS NULL OR "lastSuccessAt" < @fresh)`,
  // Only webhooks still enabled: an admin's own Disable is never overwritten as "failing".
  autoDisable: `UPDATE "Webhook" SET "status" = 'disabled', "disabledReason" = 'failing', "disabledAt" = @now
                WHERE "id" IN (SELECT "value" FROM json_each(@ids)) AND "status" = 'enabled'
                  AND "consecutiveFailures" >= @failures AND COALESCE("lastSuccessAt", "createdAt") <= @cutoff
                RETURNING "registryId", "name", "consecutiveFailures", "lastError"`,
  auditAutoDisable: `INSERT INTO "AuditEntry" ("createdAt", "actorId", "actorEmail", "action", "target", "detail", "ipAddress")
                     SELECT @now, NULL, '${SYSTEM_ACTOR}', '${AUTO_DISABLE_ACTION}', "name" || '/' || @webhook, @detail, ''
                     FROM "Registry" WHERE "id" = @registryId
                     RETURNING "target"`,
  release: `UPDATE "Delivery" SET "leaseUntil" = 0, "leaseOwner" = '' WHERE "leaseOwner" = ? AND "state" = 'pending'`,
  leasedTo: `SELECT "seq", "id", "webhookId", "payload", "attemptCount" FROM "Delivery" WHERE "leaseOwner" = ? AND "state" = 'pending'`,
  // A ping or a sample: recorded as failed until its answer says otherwise, out of the worker's reach.
  insertSentNow: `INSERT INTO "Delivery" ("id", "webhookId", "action", "image", "payload", "state", "attemptCount", "nextAttemptAt",
                   "leaseUntil", "leaseOwner", "lastStatus", "serviceUriHash", "createdAt")
                 VALUES (?, ?, ?, ?, ?, 'failed', 0, 0, 0, '', '', ?, ?)`,
  // The hourly health rollup (lib/db/health-rollup.ts): one row per webhook and UTC hour.
  upsertHealthHour: `INSERT INTO "WebhookHealthHour" (${DELTA_COLUMNS.map((column) => `"${column}"`).join(", ")})
                     VALUES (${DELTA_COLUMNS.map(() => "?").join(", ")}) ${UPSERT_CONFLICT}`,
  webhookOfDelivery: `SELECT "webhookId" FROM "Delivery" WHERE "id" = ?`,
  // An event's attempts beyond the newest it keeps (lib/db/attempts-kept.ts), on its (deliveryId, number) index.
  forgetAttempts: `DELETE FROM "Attempt" WHERE "seq" IN (
                     SELECT "seq" FROM "Attempt" WHERE "deliveryId" = ? AND "number" <= ?
                     ORDER BY "number" LIMIT ${ATTEMPTS_FORGOTTEN_PER_STORE})`,
  sentNow: `UPDATE "Delivery" SET "state" = ?, "lastStatus" = ?, "attemptCount" = ?, "leaseUntil" = 0, "leaseOwner" = ''
            WHERE "id" = ?`,

  countRecoverable: `SELECT COUNT(*) AS "count" FROM "Delivery" WHERE "webhookId" = @webhookId AND ${RECOVERABLE}`,
  requeueFailed: `UPDATE "Delivery" SET "state" = 'pending', "nextAttemptAt" = @now, "leaseUntil" = 0, "leaseOwner" = ''
                  WHERE "seq" IN (SELECT "seq" FROM "Delivery" WHERE "webhookId" = @webhookId AND "seq" > @afterSeq AND ${RECOVERABLE}
                                  ORDER BY "seq" LIMIT ${BATCH})
                  RETURNING "seq"`,

  webhookIds: `SELECT "id" FROM "Webhook"`,
  /** The newest delivery a webhook no longer keeps (walks `keep` entries of the webhookId index). */
  retentionCutoff: `SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? ORDER BY "seq" DESC LIMIT 1 OFFSET ?`,
  pruneDeliveries: `DELETE FROM "Delivery" WHERE "seq" IN (
                      SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? AND "seq" <= ? AND "state" != 'pending'
                      ORDER BY "seq" LIMIT ${BATCH})`,
  deleteDeliveriesOf: `DELETE FROM "Delivery" WHERE "seq" IN (
                         SELECT "seq" FROM "Delivery" WHERE "webhookId" = ? ORDER BY "seq" LIMIT ${BATCH})`,
  registryEventsAfter: `SELECT "seq", "receivedAt" < ? AS "isOld" FROM "RegistryEvent" WHERE "seq" > ? ORDER BY "seq" LIMIT ${BATCH}`,
  pruneRegistryEvents: `DELETE FROM "RegistryEvent" WHERE "seq" BETWEEN ? AND ? AND "receivedAt" < ?
                          AND NOT EXISTS (SELECT 1 FROM "Delivery" WHERE "registryEventId" = "RegistryEvent"."seq")`,
  pruneTagDigests: `DELETE FROM "TagDigest" WHERE "rowid" IN (
                      SELECT "rowid" FROM "TagDigest" WHERE "updatedAt" < ? ORDER BY "updatedAt" LIMIT ${BATCH})`,
  pruneHealthHours: `DELETE FROM "WebhookHealthHour" WHERE "rowid" IN (
                       SELECT "rowid" FROM "WebhookHealthHour" WHERE "hourStart" < ? ORDER BY "hourStart" LIMIT ${BATCH})`,

  // Metrics: counts over two ranges of the (state, nextAttemptAt, seq) index and its first entry.
  queueDepth: `SELECT (SELECT COUNT(*) FROM "Delivery" WHERE "state" = 'pending' AND "nextAttemptAt" <= @now) AS "due",
                      (SELECT COUNT(*) FROM "Delivery" WHERE "state" = 'pending' AND "nextAttemptAt" > @now) AS "waitingForRetry",
                      (SELECT MIN("nextAttemptAt") FROM "Delivery" WHERE "state" = 'pending') AS "oldestPendingAt"`,
}, queueDb);

/**
 * The tags an event is about. A push names its tag, and we remember which digest it points
 * at; a delete names only a digest, so we look up the tags earlier pushes recorded for it.
 */
const tagsFor = (registryId: string, event: StoredEvent, now: string): string[] => {
  const sql = ingestSql();
  if (event.action === "push") {
    sql.untag.run(registryId, event.repository, event.tag);
    sql.tag.run(registryId, event.repository, event.digest, event.tag, now);
    return [event.tag];
  }
  const tags = (sql.tagsOfDigest.all(registryId, event.repository, event.digest) as { tag: string }[]).map((row) => row.tag);
  sql.forgetDigest.run(registryId, event.repository, event.digest);
  return tags;
};

/**
 * How long one ingest transaction may run before it commits and lets the event loop serve
 * others: a 1 MiB envelope (35,400 deliveries) written in one transaction froze the server
 * for 2.3 s. Checked between events, so one event's fan-out always commits whole.
 */
const TRANSACTION_BUDGET_MS = 20;

/** An attempt row as better-sqlite3 binds it (booleans as 0/1). */
const attemptParameters = (attempt: AttemptRow, createdAt: string) => ({
  ...attempt,
  createdAt,
  requestBodyTruncated: attempt.requestBodyTruncated ? 1 : 0,
  responseBodyTruncated: attempt.responseBodyTruncated ? 1 : 0,
});

/** Stores an attempt (only while its delivery exists) and forgets what its event no longer keeps; whether it was stored. */
const storeAttempt = (attempt: AttemptRow, createdAt: string) => {
  const sql = queueSql();
  if (sql.insertAttempt.run(attemptParameters(attempt, createdAt)).changes === 0) return false;
  const forgetUpTo = lastForgottenAttempt(attempt.number);
  if (forgetUpTo !== null) sql.forgetAttempts.run(attempt.deliveryId, forgetUpTo);
  return true;
};

const storeSome = (registryId: string, events: StoredEvent[], start: number, fanOut: FanOut, budgetMs: number): StoredSome => {
  const sql = ingestSql();
  const started = performance.now();
  const now = new Date();
  const createdAt = sqlDate(now);
  const stored: StoredSome = { next: start, accepted: 0, duplicates: 0, deliveries: 0 };
  for (; stored.next < events.length && performance.now() - started < budgetMs; stored.next += 1) {
    const event = events[stored.next];
    if (sql.seen.get(registryId, event.sourceId)) {
      stored.duplicates += 1;
      continue;
    }
    const { seq } = sql.insertEvent.get(registryId, event.sourceId, event.action, event.repository, createdAt) as { seq: number };
    for (const delivery of fanOut(event, tagsFor(registryId, event, createdAt))) {
      const { id, webhookId, action, image, payload, serviceUriHash } = delivery;
      sql.insertDelivery.run(id, webhookId, seq, action, image, payload, now.getTime(), serviceUriHash, createdAt);
      stored.deliveries += 1;
    }
    stored.accepted += 1;
  }
  return stored;
};

/** One caller's share of an ingest turn: its events from `start` on. */
type IngestJob = {
  registryId: string;
  events: StoredEvent[];
  start: number;
  fanOut: FanOut;
  resolve: (stored: StoredSome) => void;
  reject: (error: unknown) => void;
  /** It failed in a shared turn: it runs alone, so one bad envelope fails only itself. */
  isAlone?: boolean;
};

/**
 * Group commit: envelopes that arrive together are stored in one transaction per turn of the
 * event loop, so 500 one-event envelopes a second cost a few commits (each an fsync) rather
 * than 500, and one turn never holds the loop past TRANSACTION_BUDGET_MS. Jobs are taken in
 * order; a job the budget did not reach answers with no progress and its caller asks again.
 */
const storeTurn = (jobs: IngestJob[]): StoredSome[] => {
  const started = performance.now();
  return jobs.map(({ registryId, events, start, fanOut }) =>
    storeSome(registryId, events, start, fanOut, TRANSACTION_BUDGET_MS - (performance.now() - started)),
  );
};

let turnTransaction: Database.Transaction<typeof storeTurn> | null = null;
const waitingJobs: IngestJob[] = [];
/** A turn is scheduled or running: jobs that arrive meanwhile wait for the next one. */
let isTurnPending = false;
/** When the last turn's transaction ended and how long it held the file. */
let lastTurn = { endedAt: 0, tookMs: 0 };

const runTurn = async () => {
  const alone = waitingJobs.findIndex((job) => job.isAlone);
  const jobs = alone >= 0 ? waitingJobs.splice(alone, 1) : waitingJobs.splice(0);
  let results: StoredSome[];
  try {
    // BEGIN IMMEDIATE: it takes the write lock first, so server processes sharing the file
    // queue up instead of failing; the delivery threads of this one wait on withWriteLock.
    results = await withWriteLock(() => {
      const started = performance.now();
      try {
        return (turnTransaction ??= ingestDb().transaction(storeTurn)).immediate(jobs);
      } finally {
        lastTurn = { endedAt: performance.now(), tookMs: performance.now() - started };
      }
    });
  } catch (error) {
    // Rolled back whole: try each again in a turn of its own to find whose it was.
    if (jobs.length === 1) jobs[0].reject(error);
    else waitingJobs.unshift(...jobs.map((job) => ({ ...job, isAlone: true })));
    return endTurn();
  }
  // The next turn may commit while this one's sync runs; the worker can start on what is
  // stored (a power cut before the sync could at worst make a delivery be sent twice: the
  // registry, unanswered, sends the envelope again).
  endTurn();
  if (results.some((stored) => stored.deliveries > 0)) wakeDeliveryWorker();
  try {
    await syncIngestWal();
    jobs.forEach((job, i) => job.resolve(results[i]));
  } catch (error) {
    // Committed but perhaps not on disk: no 2xx. The registry sends the batch again, and the
    // events that did survive are recognised by their ids.
    for (const job of jobs) job.reject(error);
  }
};

const endTurn = () => {
  isTurnPending = false;
  if (waitingJobs.length > 0) scheduleTurn();
};

/**
 * The next turn runs after the event loop has served what else was waiting (pages, answers),
 * and after a pause of a quarter of the last turn (at most 25 ms): a request needs several
 * turns of the loop (socket, handler, answer), and with one 20 ms transaction in each a health
 * check waited 0.6 to 0.8 s behind a 1 MiB envelope; in a few milliseconds it gets all of them.
 * A longer pause (as long as the turn) made that envelope take 4 to 6 s, past the 5 s
 * timeout the registry's notification endpoint is given (README, "Connecting a registry").
 */
const scheduleTurn = () => {
  if (isTurnPending) return;
  isTurnPending = true;
  const pauseMs = Math.min(lastTurn.tookMs / 4, 25) - (performance.now() - lastTurn.endedAt);
  if (pauseMs < 1) setImmediate(() => void runTurn());
  else setTimeout(() => void runTurn(), pauseMs);
};

/**
 * Due deliveries, oldest first, but none of a webhook beyond the owner's cap of requests in
 * flight (`ownInFlight`, kept by the worker: its finished requests stop counting at once, not
 * when recorded). A receiver that hangs holds at most `cap` requests of each instance while
 * the others' deliveries flow past its backlog.
 */
const claimSome = (owner: string, leaseUntil: number, limit: number, cap: number, ownInFlight: ReadonlyMap<string, number>): Claimed[] => {
  const sql = queueSql();
  const now = Date.now();
  const due = sql.dueCandidates.all({ now, full: JSON.stringify(webhooksAtCap(ownInFlight, cap)), limit }) as { seq: number; webhookId: string }[];
  const picked = splitByCap(due, ownInFlight, cap).kept.map((row) => row.seq);
  return picked.length === 0 ? [] : (sql.lease.all({ owner, leaseUntil, picked: JSON.stringify(picked) }) as Claimed[]);
};

let claimTransaction: Database.Transaction<typeof claimSome> | null = null;

/** Inside settle's transaction: each webhook's counter, then the system's Disable where the rule is met. */
/** Adds a batch's recorded attempts to the hourly rollup (in the caller's transaction). */
const rollUp = (attempts: RolledAttempt[], now: Date) => {
  const sql = queueSql();
  for (const delta of healthDeltas(attempts, now)) sql.upsertHealthHour.run(...deltaValues(delta, sqlDate));
};

const recordHealth = (recorded: Settlement[], now: Date, disableAfter: DisableRule | null): AutoDisabled[] => {
  const sql = queueSql();
  const at = sqlDate(now);
  const fresh = sqlDate(new Date(now.getTime() - SUCCESS_REFRESH_MS));
  const outcomes = webhookOutcomes(recorded);
  for (const { webhookId, hadSuccess, failures, lastError } of outcomes) {
    sql.recordOutcome.run({ webhookId, hadSuccess: hadSuccess ? 1 : 0, failures, lastError, now: at, fresh });
  }
  const failing = outcomes.filter((outcome) => outcome.failures > 0).map((outcome) => outcome.webhookId);
  if (!disableAfter || failing.length === 0) return [];
  const cutoff = sqlDate(new Date(now.getTime() - disableAfter.windowMs));
  const disabled = sql.autoDisable.all({ ids: JSON.stringify(failing), failures: disableAfter.failures, cutoff, now: at }) as {
    registryId: string; name: string; consecutiveFailures: number; lastError: string;
  }[];
  return disabled.map((row) => {
    const { target } = sql.auditAutoDisable.get({
      now: at, webhook: row.name, registryId: row.registryId, detail: autoDisableDetail(row.consecutiveFailures, row.lastError),
    }) as { target: string };
    return { registry: target.slice(0, target.length - row.name.length - 1), webhook: row.name };
  });
};

/** A RecoverSelection as the statements bind it. */
const selectionParameters = ({ webhookId, since, until, serviceUriHash }: RecoverSelection) => ({
  webhookId,
  since: sqlDate(since),
  until: sqlDate(until),
  serviceUriHash,
});

type StoredTarget = Omit<TargetRow, "previousSecretExpiresAt"> & { previousSecretExpiresAt: string | null };

export const sqliteDeliveryStore: DeliveryStore = {
  ingestRegistry: async (name) => (ingestSql().registry.get(name) as IngestRegistry | undefined) ?? null,
  subscribers: async (registryId) => ingestSql().subscribers.all(registryId) as SubscriberRow[],

  /** Within the next group commit (runTurn), as much as its time budget leaves. */
  storeNotifications: (registryId, events, start, fanOut) =>
    new Promise<StoredSome>((resolve, reject) => {
      waitingJobs.push({ registryId, events, start, fanOut: fanOut as FanOut, resolve, reject });
      scheduleTurn();
    }),

  claimDue: (owner, leaseUntil, limit, cap, ownInFlight) =>
    withWriteLock(() => (claimTransaction ??= queueDb().transaction(claimSome)).immediate(owner, leaseUntil, limit, cap, ownInFlight)),

  targets: async (webhookIds) =>
    (queueSql().targets.all(JSON.stringify([...new Set(webhookIds)])) as StoredTarget[]).map((row) => ({
      ...row,
      previousSecretExpiresAt: row.previousSecretExpiresAt ? new Date(row.previousSecretExpiresAt) : null,
    })),

  settle: (owner, settlements, now, disableAfter = null) => {
    const sql = queueSql();
    const createdAt = sqlDate(now);
    return withWriteLock(queueDb().transaction(() => {
      const recorded: Settlement[] = [];
      const rolled: RolledAttempt[] = [];
      for (const settlement of settlements) {
        const { claimed, attempt, state, lastStatus, nextAttemptAt } = settlement;
        // The chart counts the attempts stored (those whose delivery still exists).
        if (attempt && storeAttempt(attempt, createdAt)) rolled.push(rolledAttemptOf(settlement)!);
        // Only what this owner still held counts towards its webhook's health.
        if (sql.settle.run(state, lastStatus, nextAttemptAt, attempt ? 1 : 0, claimed.id, owner).changes > 0) recorded.push(settlement);
      }
      rollUp(rolled, now);
      return recordHealth(recorded, now, disableAfter);
    }));
  },

  releaseLeases: (owner) => withWriteLock(() => queueSql().release.run(owner).changes),
  leasedTo: async (owner) => queueSql().leasedTo.all(owner) as Claimed[],

  insertPing: async ({ id, webhookId, payload, serviceUriHash }, now) => {
    queueSql().insertSentNow.run(id, webhookId, "ping", "", payload, serviceUriHash, sqlDate(now));
  },
  insertSample: async ({ id, webhookId, action, image, payload, serviceUriHash }, now) => {
    queueSql().insertSentNow.run(id, webhookId, action, image, payload, serviceUriHash, sqlDate(now));
  },
  recordSentNow: async (attempt, { state, lastStatus }, now) => {
    const sql = queueSql();
    queueDb().transaction(() => {
      if (!storeAttempt(attempt, sqlDate(now))) return;
      const { webhookId } = sql.webhookOfDelivery.get(attempt.deliveryId) as { webhookId: string };
      const respondedInMs = attempt.responseStatus === null ? null : Math.round(attempt.durationMs);
      rollUp([{ webhookId, outcome: outcomeOfState(state), respondedInMs, status: lastStatus }], now);
      sql.sentNow.run(state, lastStatus, attempt.number, attempt.deliveryId);
    })();
  },

  countRecoverable: async (selection) =>
    (queueSql().countRecoverable.get(selectionParameters(selection)) as { count: number }).count,
  requeueFailed: async (selection, afterSeq, now) => {
    const rows = queueSql().requeueFailed.all({ ...selectionParameters(selection), afterSeq, now: now.getTime() }) as { seq: number }[];
    if (rows.length > 0) wakeDeliveryWorker();
    return { count: rows.length, lastSeq: rows.reduce((last, row) => Math.max(last, row.seq), afterSeq) };
  },

  webhookIds: async () => (queueSql().webhookIds.all() as { id: string }[]).map((row) => row.id),
  retentionCutoff: async (webhookId, keep) =>
    (queueSql().retentionCutoff.get(webhookId, keep) as { seq: number } | undefined)?.seq ?? null,
  pruneDeliveriesUpTo: async (webhookId, seq) => queueSql().pruneDeliveries.run(webhookId, seq).changes,
  deleteDeliveriesOfBatch: async (webhookId) => queueSql().deleteDeliveriesOf.run(webhookId).changes,
  registryEventsAfter: async (after, before) =>
    (queueSql().registryEventsAfter.all(sqlDate(before), after) as { seq: number; isOld: number }[]).map((row) => ({
      seq: row.seq,
      isOld: row.isOld === 1,
    })),
  pruneRegistryEventsBetween: async (from, to, before) => queueSql().pruneRegistryEvents.run(from, to, sqlDate(before)).changes,
  pruneTagDigestsBatch: async (before) => queueSql().pruneTagDigests.run(sqlDate(before)).changes,
  pruneHealthHoursBatch: async (before) => queueSql().pruneHealthHours.run(sqlDate(before)).changes,

  queueDepth: async (now) =>
    toQueueDepth(queueSql().queueDepth.get({ now }) as { due: number; waitingForRetry: number; oldestPendingAt: number | null }, now),
};
