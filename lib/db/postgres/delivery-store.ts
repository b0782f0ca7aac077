import "server-only";
import type pg from "pg";
import { BATCH } from "../batches";
import { pgPool } from "../postgres-pool";
import { wakeDeliveryWorker } from "../queue-wake";
import type { AttemptRow, AutoDisabled, Claimed, DeliveryStore, FanOut, IngestRegistry, NewDelivery, RecoverSelection, Settlement, StoredEvent, StoredSome, SubscriberRow, TargetRow } from "../delivery-store-types";
import type { DisableRule } from "../../config/disable-rule";
import { AUTO_DISABLE_ACTION, autoDisableDetail, SUCCESS_REFRESH_MS, SYSTEM_ACTOR, webhookOutcomes } from "../webhook-outcomes";
import { inTransaction as inPooledTransaction } from "./transaction";
import { splitByCap, webhooksAtCap } from "../claim-cap";
import { toQueueDepth } from "../queue-depth";
import { ATTEMPTS_FORGOTTEN_PER_STORE, lastForgottenAttempt } from "../attempts-kept";
import { DELTA_COLUMNS, deltaValues, healthDeltas, outcomeOfState, rolledAttemptOf, UPSERT_CONFLICT, type RolledAttempt } from "../health-rollup";
import { WAKE_CHANNEL } from "./wake-listener";

// The delivery queue on PostgreSQL (see lib/db/delivery-store-types.ts). Several instances
// share it: workers claim with FOR UPDATE SKIP LOCKED (two instances never lease the same
// delivery, and neither waits for the other), ingest wakes every instance's worker with
// NOTIFY, and each step is one round trip per batch: rows travel as arrays through unnest().
// DateTime columns are timestamp(3) in UTC: times go in as ISO strings (a JS Date would be
// converted to the server's local time) and come out as epoch milliseconds.

/** Events per ingest transaction: one round trip per step whatever the count, bounded in size. */
const INGEST_CHUNK = 250;
/** Deadlocks (two transactions touching the same rows in another order) are retried this often. */
const MAX_TRIES = 3;

/** PostgreSQL text cannot hold NUL; a receiver's answer may (shown as U+FFFD instead). */
const text = (value: string | null) => (value === null ? null : value.replaceAll("\0", "\uFFFD"));
const iso = (date: Date) => date.toISOString();

const isRetryable = (error: unknown) => ["40P01", "40001"].includes((error as { code?: string }).code ?? "");

/** Runs `work` in one transaction (lib/db/postgres/transaction.ts), again if it lost a deadlock. */
const inTransaction = async <T,>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inPooledTransaction(pgPool(), work);
    } catch (error) {
      if (attempt >= MAX_TRIES || !isRetryable(error)) throw error;
    }
  }
};

const query = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await pgPool().query<R>(sql, values));

/**
 * Deletes the oldest BATCH rows of `table` whose `column` is before a time, and says how many.
 * By ctid: these tables' keys are composite, and a batch needs one handle per row.
 */
const pruneOlderBatch = (table: "TagDigest" | "WebhookHealthHour", column: "updatedAt" | "hourStart") => async (before: Date) =>
  (await query(
    `DELETE FROM "${table}" WHERE ctid = ANY(ARRAY(
       SELECT ctid FROM "${table}" WHERE "${column}" < $1::timestamp(3) ORDER BY "${column}" LIMIT ${BATCH}))`,
    [iso(before)],
  )).rowCount ?? 0;

// --- Ingest ---

type TagRow = { repository: string; digest: string; tag: string };

/**
 * What the chunk's new events do to the registry's tag memory, replayed in order in memory:
 * a push moves its tag to its digest; a delete reads the tags its digest has at that point
 * and forgets them. Starting from the stored tags of every deleted digest, this gives each
 * delete the same tags as doing it row by row would, and the rows to write afterwards.
 */
const replayTags = (events: StoredEvent[], stored: TagRow[]) => {
  // repository -> digest -> tags, for every digest the chunk touches.
  const tagsOf = new Map<string, Map<string, Set<string>>>();
  const tagsAt = (repository: string, digest: string) => {
    const digests = tagsOf.get(repository) ?? new Map<string, Set<string>>();
    tagsOf.set(repository, digests);
    const tags = digests.get(digest) ?? new Set<string>();
    digests.set(digest, tags);
    return tags;
  };
  for (const row of stored) tagsAt(row.repository, row.digest).add(row.tag);
  // Keyed as images are written ("repo:tag", "repo@digest"): neither part can hold ":" or "@".
  const pushed = new Map<string, { repository: string; tag: string }>();
  const deleted = new Map<string, { repository: string; digest: string }>();
  const tagsByEvent = events.map((event) => {
    if (event.action === "push") {
      for (const tags of tagsOf.get(event.repository)?.values() ?? []) tags.delete(event.tag);
      tagsAt(event.repository, event.digest).add(event.tag);
      pushed.set(`${event.repository}:${event.tag}`, { repository: event.repository, tag: event.tag });
      return [event.tag];
    }
    const tags = tagsAt(event.repository, event.digest);
    const before = [...tags];
    tags.clear();
    deleted.set(`${event.repository}@${event.digest}`, { repository: event.repository, digest: event.digest });
    return before;
  });
  const rows = [...tagsOf].flatMap(([repository, digests]) =>
    [...digests].flatMap(([digest, tags]) =>
      [...tags].filter((tag) => pushed.has(`${repository}:${tag}`)).map((tag) => ({ repository, digest, tag })),
    ),
  );
  return { tagsByEvent, pushed: [...pushed.values()], deleted: [...deleted.values()], rows };
};

const storeChunk = async <E extends StoredEvent>(client: pg.PoolClient, registryId: string, chunk: E[], fanOut: FanOut<E>): Promise<Omit<StoredSome, "next">> => {
  const now = new Date();
  // Ids already recorded (a registry retrying a batch, perhaps at another instance right now:
  // the unique index makes the second writer wait for the first and then skip) insert nothing.
  const { rows: inserted } = await client.query<{ seq: number; sourceId: string }>(
    `INSERT INTO "RegistryEvent" ("registryId", "sourceId", "action", "repository", "receivedAt")
     SELECT $1, "sourceId", "action", "repository", $5::timestamp(3)
     FROM unnest($2::text[], $3::text[], $4::text[]) AS e("sourceId", "action", "repository")
     ON CONFLICT ("registryId", "sourceId") DO NOTHING
     RETURNING "seq", "sourceId"`,
    [registryId, chunk.map((event) => event.sourceId), chunk.map((event) => event.action), chunk.map((event) => event.repository), iso(now)],
  );
  const seqOf = new Map(inserted.map((row) => [row.sourceId, row.seq]));
  const fresh = chunk.filter((event) => seqOf.has(event.sourceId));
  if (fresh.length === 0) return { accepted: 0, duplicates: chunk.length, deliveries: 0 };

  const deletes = fresh.filter((event) => event.action === "delete");
  const { rows: stored } = deletes.length === 0
    ? { rows: [] as TagRow[] }
    : await client.query<TagRow>(
        `SELECT "repository", "digest", "tag" FROM "TagDigest"
         WHERE "registryId" = $1 AND ("repository", "digest") IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        [registryId, deletes.map((event) => event.repository), deletes.map((event) => event.digest)],
      );
  const tags = replayTags(fresh, stored);
  if (tags.pushed.length > 0) {
    await client.query(
      `DELETE FROM "TagDigest" WHERE "registryId" = $1 AND ("repository", "tag") IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [registryId, tags.pushed.map((row) => row.repository), tags.pushed.map((row) => row.tag)],
    );
  }
  if (tags.deleted.length > 0) {
    await client.query(
      `DELETE FROM "TagDigest" WHERE "registryId" = $1 AND ("repository", "digest") IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [registryId, tags.deleted.map((row) => row.repository), tags.deleted.map((row) => row.digest)],
    );
  }
  if (tags.rows.length > 0) {
    await client.query(
      `INSERT INTO "TagDigest" ("registryId", "repository", "digest", "tag", "updatedAt")
       SELECT $1, "repository", "digest", "tag", $5::timestamp(3) FROM unnest($2::text[], $3::text[], $4::text[]) AS t("repository", "digest", "tag")
       ON CONFLICT ("registryId", "repository", "digest", "tag") DO UPDATE SET "updatedAt" = excluded."updatedAt"`,
      [registryId, tags.rows.map((row) => row.repository), tags.rows.map((row) => row.digest), tags.rows.map((row) => row.tag), iso(now)],
    );
  }

  const deliveries: (NewDelivery & { registryEventId: number })[] = fresh.flatMap((event, index) =>
    fanOut(event, tags.tagsByEvent[index]).map((delivery) => ({ ...delivery, registryEventId: seqOf.get(event.sourceId)! })),
  );
  if (deliveries.length > 0) {
    await client.query(
      `INSERT INTO "Delivery" ("id", "webhookId", "registryEventId", "action", "image", "payload", "state", "attemptCount",
         "nextAttemptAt", "leaseUntil", "leaseOwner", "lastStatus", "serviceUriHash", "createdAt")
       SELECT "id", "webhookId", "registryEventId", "action", "image", "payload", 'pending', 0, $8, 0, '', '', "serviceUriHash", $9::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS d("id", "webhookId", "registryEventId", "action", "image", "payload", "serviceUriHash")`,
      [
        deliveries.map((row) => row.id),
        deliveries.map((row) => row.webhookId),
        deliveries.map((row) => row.registryEventId),
        deliveries.map((row) => row.action),
        deliveries.map((row) => row.image),
        deliveries.map((row) => row.payload),
        deliveries.map((row) => row.serviceUriHash),
        now.getTime(),
        iso(now),
      ],
    );
    // Delivered to every listening instance when this transaction commits.
    await client.query(`SELECT pg_notify('${WAKE_CHANNEL}', '')`);
  }
  return { accepted: fresh.length, duplicates: chunk.length - fresh.length, deliveries: deliveries.length };
};

// --- The worker ---

/** One settled delivery's attempt columns, as arrays for unnest(). */
const ATTEMPT_COLUMNS = `"deliveryId", "number", "requestMethod", "requestUri", "requestHeaders", "requestBody",
  "requestBodyTruncated", "responseStatus", "responseReason", "responseHeaders", "responseBody", "responseBodyTruncated",
  "error", "durationMs"`;

/** Attempts as rows of arrays ($1..$14) and their time ($15), only for deliveries that still exist. */
const INSERT_ATTEMPTS = `INSERT INTO "Attempt" (${ATTEMPT_COLUMNS}, "createdAt")
  SELECT a.*, $15::timestamp(3)
  FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::int[],
              $9::text[], $10::text[], $11::text[], $12::bool[], $13::text[], $14::int[]) AS a(${ATTEMPT_COLUMNS})
  WHERE EXISTS (SELECT 1 FROM "Delivery" WHERE "id" = a."deliveryId")
  RETURNING "deliveryId"`;

/** Each event's attempts beyond the newest it keeps (lib/db/attempts-kept.ts), on the (deliveryId, number) index. */
const FORGET_ATTEMPTS = `DELETE FROM "Attempt" WHERE "seq" IN (
  SELECT old."seq" FROM unnest($1::text[], $2::int[]) AS f("deliveryId", "upTo")
  CROSS JOIN LATERAL (SELECT "seq" FROM "Attempt" WHERE "deliveryId" = f."deliveryId" AND "number" <= f."upTo"
                      ORDER BY "number" LIMIT ${ATTEMPTS_FORGOTTEN_PER_STORE}) AS old)`;

/** After storing `attempts`: deletes what their events no longer keep (no query when none is past the bound). */
const forgetOldAttempts = async (client: pg.PoolClient, attempts: AttemptRow[]) => {
  const past = attempts.flatMap((attempt) => {
    const upTo = lastForgottenAttempt(attempt.number);
    return upTo === null ? [] : [{ deliveryId: attempt.deliveryId, upTo }];
  });
  if (past.length > 0) await client.query(FORGET_ATTEMPTS, [past.map((row) => row.deliveryId), past.map((row) => row.upTo)]);
};

/** The SQL type of each column of the hourly health rollup's upsert (lib/db/health-rollup.ts). */
const deltaType = (column: string) =>
  column === "hourStart" || column === "latestAt" ? "timestamp(3)" : ["webhookId", "latestOutcome", "latestStatus"].includes(column) ? "text" : "int";

/** All of a batch's webhook-hours in one statement, as arrays (one per column). */
const UPSERT_HEALTH_HOURS = `INSERT INTO "WebhookHealthHour" (${DELTA_COLUMNS.map((column) => `"${column}"`).join(", ")})
  SELECT * FROM unnest(${DELTA_COLUMNS.map((column, index) => `$${index + 1}::${deltaType(column)}[]`).join(", ")})
  ${UPSERT_CONFLICT}`;

/** Adds a batch's stored attempts to the hourly rollup, in the transaction that stored them. */
const rollUp = async (client: pg.PoolClient, attempts: RolledAttempt[], now: Date) => {
  const deltas = healthDeltas(attempts, now);
  if (deltas.length === 0) return;
  const rows = deltas.map((delta) => deltaValues(delta, iso));
  await client.query(UPSERT_HEALTH_HOURS, DELTA_COLUMNS.map((_, index) => rows.map((row) => row[index])));
};

const attemptArrays = (attempts: AttemptRow[], now: Date) => {
  const column = <T,>(pick: (attempt: AttemptRow) => T) => attempts.map(pick);
  return [
    column((a) => a.deliveryId),
    column((a) => a.number),
    column((a) => text(a.requestMethod)),
    column((a) => text(a.requestUri)),
    column((a) => text(a.requestHeaders)),
    column((a) => text(a.requestBody)),
    column((a) => a.requestBodyTruncated),
    column((a) => a.responseStatus),
    column((a) => text(a.responseReason)),
    column((a) => text(a.responseHeaders)),
    column((a) => text(a.responseBody)),
    column((a) => a.responseBodyTruncated),
    column((a) => text(a.error)),
    column((a) => Math.round(a.durationMs)),
    iso(now),
  ];
};

type StoredTarget = Omit<TargetRow, "previousSecretExpiresAt"> & { previousSecretExpiresAtMs: number | null };

// --- Webhook health (lib/db/webhook-outcomes.ts), inside settle's transaction ---

/**
 * Every webhook of the batch in one statement. Their rows are locked first in id order, so two
 * instances recording batches of the same webhooks at once wait for each other instead of
 * deadlocking. A success-only batch leaves a row alone while its counter is 0 and lastSuccessAt
 * is fresh: no write per batch on the hot path.
 */
const RECORD_OUTCOMES = `WITH "locked" AS (SELECT "id" FROM "Webhook" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR NO KEY UPDATE)
  UPDATE "Webhook" w SET
    "consecutiveFailures" = CASE WHEN o."hadSuccess" THEN o."failures" ELSE w."consecutiveFailures" + o."failures" END,
    "lastSuccessAt" = CASE WHEN o."hadSuccess" THEN $5::timestamp(3) ELSE w."lastSuccessAt" END,
    "lastError" = CASE WHEN o."failures" > 0 THEN o."lastError" ELSE w."lastError" END,
    "lastErrorAt" = CASE WHEN o."failures" > 0 THEN $5::timestamp(3) ELSE w."lastErrorAt" END
  FROM unnest($1::text[], $2::bool[], $3::int[], $4::text[]) AS o("id", "hadSuccess", "failures", "lastError")
  WHERE w."id" = o."id" AND w."id" IN (SELECT "id" FROM "locked")
    AND (o."failures" > 0 OR w."consecutiveFailures" > 0 OR w."lastSuccessAt" IS NULL OR w."lastSuccessAt" < $6::timestamp(3))`;

/** The system's Disable where the rule is met (never over an admin's own), with its audit entries. */
const AUTO_DISABLE = `WITH "disabled" AS (
    UPDATE "Webhook" SET "status" = 'disabled', "disabledReason" = 'failing', "disabledAt" = $4::timestamp(3)
    WHERE "id" = ANY($1::text[]) AND "status" = 'enabled'
      AND "consecutiveFailures" >= $2 AND COALESCE("lastSuccessAt", "createdAt") <= $3::timestamp(3)
    RETURNING "registryId", "name", "consecutiveFailures", "lastError")
  SELECT d."name", d."consecutiveFailures", d."lastError", r."name" AS "registry" FROM "disabled" d JOIN "Registry" r ON r."id" = d."registryId"`;

const recordHealth = async (client: pg.PoolClient, recorded: Settlement[], now: Date, disableAfter: DisableRule | null): Promise<AutoDisabled[]> => {
  const outcomes = webhookOutcomes(recorded);
  if (outcomes.length === 0) return [];
  await client.query(RECORD_OUTCOMES, [
    outcomes.map((outcome) => outcome.webhookId),
    outcomes.map((outcome) => outcome.hadSuccess),
    outcomes.map((outcome) => outcome.failures),
    outcomes.map((outcome) => text(outcome.lastError)),
    iso(now),
    iso(new Date(now.getTime() - SUCCESS_REFRESH_MS)),
  ]);
  const failing = outcomes.filter((outcome) => outcome.failures > 0).map((outcome) => outcome.webhookId);
  if (!disableAfter || failing.length === 0) return [];
  const { rows } = await client.query<{ name: string; consecutiveFailures: number; lastError: string; registry: string }>(AUTO_DISABLE, [
    failing,
    disableAfter.failures,
    iso(new Date(now.getTime() - disableAfter.windowMs)),
    iso(now),
  ]);
  if (rows.length === 0) return [];
  await client.query(
    `INSERT INTO "AuditEntry" ("createdAt", "actorId", "actorEmail", "action", "target", "detail", "ipAddress")
     SELECT $1::timestamp(3), NULL, '${SYSTEM_ACTOR}', '${AUTO_DISABLE_ACTION}', t, d, '' FROM unnest($2::text[], $3::text[]) AS a(t, d)`,
    [iso(now), rows.map((row) => `${row.registry}/${row.name}`), rows.map((row) => autoDisableDetail(row.consecutiveFailures, row.lastError))],
  );
  return rows.map((row) => ({ registry: row.registry, webhook: row.name }));
};

// --- Recover: failed events queued again ---

/** The failed events Recover queues again (RecoverSelection), real pushes and deletes only: $1 webhook, $2 since, $3 until, $4 hash. */
const RECOVERABLE = `"webhookId" = $1 AND "state" = 'failed' AND "action" IN ('push', 'delete')
  AND "createdAt" >= $2::timestamp(3) AND "createdAt" <= $3::timestamp(3)
  AND ("serviceUriHash" = '' OR $4 = '' OR "serviceUriHash" = $4)`;

const selectionValues = ({ webhookId, since, until, serviceUriHash }: RecoverSelection) => [webhookId, iso(since), iso(until), serviceUriHash];

/** A ping or a sample: recorded as failed until its answer says otherwise, out of the worker's reach. */
const insertSentNow = async (values: [string, string, string, string, string, string, string]) => {
  await query(
    `INSERT INTO "Delivery" ("id", "webhookId", "action", "image", "payload", "state", "attemptCount", "nextAttemptAt",
       "leaseUntil", "leaseOwner", "lastStatus", "serviceUriHash", "createdAt")
     VALUES ($1, $2, $3, $4, $5, 'failed', 0, 0, 0, '', '', $6, $7::timestamp(3))`,
    values,
  );
};

export const postgresDeliveryStore: DeliveryStore = {
  ingestRegistry: async (name) =>
    (await query<IngestRegistry>(`SELECT "id", "name", "host", "tokenHash" FROM "Registry" WHERE "name" = $1`, [name])).rows[0] ?? null,
  subscribers: async (registryId) =>
    (await query<SubscriberRow>(
      `SELECT "id", "actions", "scope", "serviceUriHash", "payloadFormat" FROM "Webhook" WHERE "registryId" = $1 AND "status" = 'enabled'`,
      [registryId],
    )).rows,

  storeNotifications: async (registryId, events, start, fanOut) => {
    const chunk = events.slice(start, start + INGEST_CHUNK);
    const stored = await inTransaction((client) => storeChunk(client, registryId, chunk, fanOut));
    if (stored.deliveries > 0) wakeDeliveryWorker();
    return { ...stored, next: start + chunk.length };
  },

  // As on SQLite (lib/db/sqlite/delivery-store.ts): oldest due first, none of a webhook beyond
  // the owner's cap in flight. The claim itself is the plain one (a windowed claim that ranked
  // each webhook's candidates cost PostgreSQL a third more CPU per delivery, measured): webhooks
  // at their cap are left out, and what one claim took beyond a partly busy webhook's room is
  // handed back at once (a second round trip, only then). SKIP LOCKED: two claims never wait
  // for each other.
  claimDue: async (owner, leaseUntil, limit, cap, ownInFlight) => {
    const now = Date.now();
    const full = webhooksAtCap(ownInFlight, cap);
    const claimed = (await query<Claimed>(
      `UPDATE "Delivery" SET "leaseOwner" = $1, "leaseUntil" = $2
       WHERE "seq" IN (
         SELECT "seq" FROM "Delivery"
         WHERE "state" = 'pending' AND "nextAttemptAt" <= $3 AND "leaseUntil" <= $3 AND NOT ("webhookId" = ANY($5::text[]))
         ORDER BY "nextAttemptAt", "seq" LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING "seq", "id", "webhookId", "payload", "attemptCount"`,
      [owner, leaseUntil, now, limit, full],
    )).rows.sort((a, b) => a.seq - b.seq);
    const { kept, beyond } = splitByCap(claimed, ownInFlight, cap);
    if (beyond.length > 0) {
      await query(`UPDATE "Delivery" SET "leaseUntil" = 0, "leaseOwner" = '' WHERE "seq" = ANY($1::int[]) AND "leaseOwner" = $2`, [beyond.map((row) => row.seq), owner]);
    }
    return kept;
  },

  targets: async (webhookIds) =>
    (await query<StoredTarget>(
      `SELECT "id", "serviceUri", "customHeaders", "status", "signingSecret", "previousSigningSecret",
              (EXTRACT(EPOCH FROM "previousSecretExpiresAt") * 1000)::float8 AS "previousSecretExpiresAtMs"
       FROM "Webhook" WHERE "id" = ANY($1::text[])`,
      [[...new Set(webhookIds)]],
    )).rows.map(({ previousSecretExpiresAtMs, ...row }) => ({
      ...row,
      previousSecretExpiresAt: previousSecretExpiresAtMs === null ? null : new Date(previousSecretExpiresAtMs),
    })),

  /**
   * One statement: the attempts (only for deliveries that still exist: a webhook may have been
   * deleted meanwhile) and the new states, in seq order so that concurrent deletes, which also
   * go in seq order, do not deadlock with it.
   */
  settle: async (owner, settlements, now, disableAfter = null) => {
    if (settlements.length === 0) return [];
    const ordered = [...settlements].sort((a, b) => a.claimed.seq - b.claimed.seq);
    const attempts = ordered.flatMap(({ attempt }) => (attempt ? [attempt] : []));
    return inTransaction(async (client) => {
      const { rows } = await client.query<{ kind: "held" | "stored"; id: string }>(
        `WITH "attempts" AS (${INSERT_ATTEMPTS}),
         "settled" AS (
           UPDATE "Delivery" SET "state" = s."state", "lastStatus" = s."lastStatus", "nextAttemptAt" = s."nextAttemptAt",
             "leaseUntil" = 0, "leaseOwner" = '', "attemptCount" = "Delivery"."attemptCount" + s."counted"
           FROM unnest($16::text[], $17::text[], $18::text[], $19::float8[], $20::int[]) AS s("id", "state", "lastStatus", "nextAttemptAt", "counted")
           WHERE "Delivery"."id" = s."id" AND "Delivery"."leaseOwner" = $21
           RETURNING "Delivery"."id")
         SELECT 'held' AS "kind", "id" FROM "settled" UNION ALL SELECT 'stored', "deliveryId" FROM "attempts"`,
        [
          ...attemptArrays(attempts, now),
          ordered.map(({ claimed }) => claimed.id),
          ordered.map(({ state }) => state),
          ordered.map(({ lastStatus }) => text(lastStatus)),
          ordered.map(({ nextAttemptAt }) => nextAttemptAt),
          ordered.map(({ attempt }) => (attempt ? 1 : 0)),
          owner,
        ],
      );
      // The chart counts the attempts stored (those whose delivery still exists), in batch order.
      const stored = new Set(rows.filter((row) => row.kind === "stored").map((row) => row.id));
      await forgetOldAttempts(client, attempts.filter((attempt) => stored.has(attempt.deliveryId)));
      await rollUp(client, settlements.flatMap((settlement) => (stored.has(settlement.claimed.id) ? [rolledAttemptOf(settlement)!] : [])), now);
      // Only what this owner still held counts towards its webhook's health, in finishing order.
      const held = new Set(rows.filter((row) => row.kind === "held").map((row) => row.id));
      return recordHealth(client, settlements.filter(({ claimed }) => held.has(claimed.id)), now, disableAfter);
    });
  },

  insertPing: ({ id, webhookId, payload, serviceUriHash }, now) => insertSentNow([id, webhookId, "ping", "", payload, serviceUriHash, iso(now)]),
  insertSample: ({ id, webhookId, action, image, payload, serviceUriHash }, now) =>
    insertSentNow([id, webhookId, action, image, payload, serviceUriHash, iso(now)]),

  recordSentNow: async (attempt, { state, lastStatus }, now) => {
    await inTransaction(async (client) => {
      const { rows } = await client.query<{ webhookId: string; stored: number }>(
        `WITH "attempts" AS (${INSERT_ATTEMPTS})
         UPDATE "Delivery" SET "state" = $16, "lastStatus" = $17, "attemptCount" = $18, "leaseUntil" = 0, "leaseOwner" = ''
         WHERE "id" = $19
         RETURNING "webhookId", (SELECT COUNT(*) FROM "attempts")::int AS "stored"`,
        [...attemptArrays([attempt], now), state, text(lastStatus), attempt.number, attempt.deliveryId],
      );
      if (rows.length === 0 || rows[0].stored === 0) return;
      await forgetOldAttempts(client, [attempt]);
      const respondedInMs = attempt.responseStatus === null ? null : Math.round(attempt.durationMs);
      await rollUp(client, [{ webhookId: rows[0].webhookId, outcome: outcomeOfState(state), respondedInMs, status: lastStatus }], now);
    });
  },

  releaseLeases: async (owner) =>
    (await query(`UPDATE "Delivery" SET "leaseUntil" = 0, "leaseOwner" = '' WHERE "leaseOwner" = $1 AND "state" = 'pending'`, [owner]))
      .rowCount ?? 0,
  leasedTo: async (owner) =>
    (await query<Claimed>(
      `SELECT "seq", "id", "webhookId", "payload", "attemptCount" FROM "Delivery" WHERE "leaseOwner" = $1 AND "state" = 'pending'`,
      [owner],
    )).rows,

  countRecoverable: async (selection) =>
    Number((await query<{ count: string }>(`SELECT COUNT(*) AS "count" FROM "Delivery" WHERE ${RECOVERABLE}`, selectionValues(selection))).rows[0].count),
  requeueFailed: async (selection, afterSeq, now) => {
    const { rows } = await inTransaction(async (client) => {
      const result = await client.query<{ seq: number }>(
        `UPDATE "Delivery" SET "state" = 'pending', "nextAttemptAt" = $6, "leaseUntil" = 0, "leaseOwner" = ''
         WHERE "seq" IN (SELECT "seq" FROM "Delivery" WHERE ${RECOVERABLE} AND "seq" > $5 ORDER BY "seq" LIMIT ${BATCH} FOR UPDATE)
           AND "state" = 'failed'
         RETURNING "seq"`,
        [...selectionValues(selection), afterSeq, now.getTime()],
      );
      // Every instance's worker, when this commits.
      if (result.rows.length > 0) await client.query(`SELECT pg_notify('${WAKE_CHANNEL}', '')`);
      return result;
    });
    if (rows.length > 0) wakeDeliveryWorker();
    return { count: rows.length, lastSeq: rows.reduce((last, row) => Math.max(last, row.seq), afterSeq) };
  },

  webhookIds: async () => (await query<{ id: string }>(`SELECT "id" FROM "Webhook"`)).rows.map((row) => row.id),
  retentionCutoff: async (webhookId, keep) =>
    (await query<{ seq: number }>(`SELECT "seq" FROM "Delivery" WHERE "webhookId" = $1 ORDER BY "seq" DESC LIMIT 1 OFFSET $2`, [webhookId, keep]))
      .rows[0]?.seq ?? null,
  pruneDeliveriesUpTo: async (webhookId, seq) =>
    (await query(
      `DELETE FROM "Delivery" WHERE "seq" IN (
         SELECT "seq" FROM "Delivery" WHERE "webhookId" = $1 AND "seq" <= $2 AND "state" <> 'pending' ORDER BY "seq" LIMIT ${BATCH})`,
      [webhookId, seq],
    )).rowCount ?? 0,
  deleteDeliveriesOfBatch: async (webhookId) =>
    (await query(
      `DELETE FROM "Delivery" WHERE "seq" IN (SELECT "seq" FROM "Delivery" WHERE "webhookId" = $1 ORDER BY "seq" LIMIT ${BATCH})`,
      [webhookId],
    )).rowCount ?? 0,
  registryEventsAfter: async (after, before) =>
    (await query<{ seq: number; isOld: boolean }>(
      `SELECT "seq", "receivedAt" < $2::timestamp(3) AS "isOld" FROM "RegistryEvent" WHERE "seq" > $1 ORDER BY "seq" LIMIT ${BATCH}`,
      [after, iso(before)],
    )).rows,
  pruneRegistryEventsBetween: async (from, to, before) =>
    (await query(
      `DELETE FROM "RegistryEvent" e WHERE e."seq" BETWEEN $1 AND $2 AND e."receivedAt" < $3::timestamp(3)
         AND NOT EXISTS (SELECT 1 FROM "Delivery" WHERE "registryEventId" = e."seq")`,
      [from, to, iso(before)],
    )).rowCount ?? 0,
  pruneTagDigestsBatch: pruneOlderBatch("TagDigest", "updatedAt"),
  pruneHealthHoursBatch: pruneOlderBatch("WebhookHealthHour", "hourStart"),

  // Metrics: counts over two ranges of the (state, nextAttemptAt, seq) index and its first entry.
  queueDepth: async (now) => {
    const { rows } = await query<{ due: number; waitingForRetry: number; oldestPendingAt: number | null }>(
      `SELECT (SELECT COUNT(*) FROM "Delivery" WHERE "state" = 'pending' AND "nextAttemptAt" <= $1)::int AS "due",
              (SELECT COUNT(*) FROM "Delivery" WHERE "state" = 'pending' AND "nextAttemptAt" > $1)::int AS "waitingForRetry",
              (SELECT MIN("nextAttemptAt") FROM "Delivery" WHERE "state" = 'pending') AS "oldestPendingAt"`,
      [now],
    );
    return toQueueDepth(rows[0], now);
  },
};
