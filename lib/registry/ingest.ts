import "server-only";
import { randomUUID } from "node:crypto";
import { secretKey } from "../crypto/secret-key";
import { preparedStatements, rawDb, sqlDate } from "../db-raw";
import { serviceUriHash } from "../delivery/service-uri-hash";
import { wakeDeliveryWorker } from "../delivery/wake";
import { yieldToEventLoop } from "../db/batches";
import { trackWork } from "../lifecycle/shutdown";
import { actionsOf } from "../webhooks/mapping";
import { parseScope, scopeMatches, type Scope } from "../webhooks/scope";
import { openStoredValue } from "../webhooks/stored-secrets";
import { acrPayload, imageOf, mapNotifications, type AcrEvent, type IgnoredEvent } from "./acr-events";
import type { RawEvent } from "./distribution";

/** The registry's answer; ignoredReasons explains the first few ignored events, to keep it small. */
export type IngestSummary = {
  received: number;
  ignored: number;
  duplicates: number;
  accepted: number;
  deliveries: number;
  ignoredReasons: IgnoredEvent[];
};
export const MAX_IGNORED_REASONS = 10;

type Subscriber = { id: string; actions: string[]; scope: Scope; uriHash: string };

const statements = preparedStatements({
  seen: `SELECT 1 FROM "RegistryEvent" WHERE "registryId" = ? AND "sourceId" = ?`,
  insertEvent: `INSERT INTO "RegistryEvent" ("registryId", "sourceId", "action", "repository", "receivedAt")
                VALUES (?, ?, ?, ?, ?) RETURNING "seq"`,
  subscribers: `SELECT "id", "actions", "scope", "serviceUri" FROM "Webhook" WHERE "registryId" = ? AND "status" = 'enabled'`,
  untag: `DELETE FROM "TagDigest" WHERE "registryId" = ? AND "repository" = ? AND "tag" = ?`,
  tag: `INSERT OR REPLACE INTO "TagDigest" ("registryId", "repository", "digest", "tag", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
  tagsOfDigest: `SELECT "tag" FROM "TagDigest" WHERE "registryId" = ? AND "repository" = ? AND "digest" = ?`,
  forgetDigest: `DELETE FROM "TagDigest" WHERE "registryId" = ? AND "repository" = ? AND "digest" = ?`,
  insertDelivery: `INSERT INTO "Delivery" ("id", "webhookId", "registryEventId", "action", "image", "payload", "state",
                     "attemptCount", "nextAttemptAt", "leaseUntil", "leaseOwner", "lastStatus", "serviceUriHash", "createdAt")
                   VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, 0, '', '', ?, ?)`,
});

/**
 * The hash of the plaintext service URI (stored encrypted; decryptions are cached). When it
 * cannot be decrypted (SECRET_KEY changed) the delivery is still recorded, with no hash, and
 * the worker fails it with the reason: one broken webhook must not refuse the registry's batch.
 */
const uriHashOf = (webhook: { id: string; serviceUri: string }) => {
  try {
    return serviceUriHash(openStoredValue(webhook.serviceUri, secretKey()));
  } catch (error) {
    console.error(`[ingest] cannot decrypt the service URI of webhook ${webhook.id}`, error);
    return "";
  }
};

const subscribersOf = (registryId: string): Subscriber[] =>
  (statements().subscribers.all(registryId) as { id: string; actions: string; scope: string; serviceUri: string }[]).flatMap(
    (webhook) => {
      const scope = parseScope(webhook.scope);
      if (!scope.ok) return [];
      return [{ id: webhook.id, actions: actionsOf(webhook.actions), scope: scope.scope, uriHash: uriHashOf(webhook) }];
    },
  );

/**
 * The tags an event is about. A push names its tag, and we remember which digest it points
 * at; a delete names only a digest, so we look up the tags earlier pushes recorded for it.
 */
const tagsFor = (registryId: string, event: AcrEvent, now: string): string[] => {
  const sql = statements();
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

/**
 * Stores registry notifications and the deliveries they cause, from `events[start]` on, until
 * the time budget is spent; returns where it stopped. Each call is one transaction (BEGIN
 * IMMEDIATE: it takes the write lock first, so server processes sharing the file queue up
 * instead of failing). Event ids already seen (Distribution retries whole batches) are skipped.
 */
const storeSome = (registryId: string, events: AcrEvent[], start: number, subscribers: Subscriber[], summary: IngestSummary) => {
  const sql = statements();
  const started = performance.now();
  const now = new Date();
  const createdAt = sqlDate(now);
  let index = start;
  for (; index < events.length && performance.now() - started < TRANSACTION_BUDGET_MS; index += 1) {
    const event = events[index];
    if (sql.seen.get(registryId, event.sourceId)) {
      summary.duplicates += 1;
      continue;
    }
    const { seq } = sql.insertEvent.get(registryId, event.sourceId, event.action, event.repository, createdAt) as { seq: number };
    const tags = tagsFor(registryId, event, createdAt);
    for (const subscriber of subscribers) {
      if (!subscriber.actions.includes(event.action) || !scopeMatches(subscriber.scope, event.repository, tags)) continue;
      const id = randomUUID();
      const payload = JSON.stringify(acrPayload(id, event));
      sql.insertDelivery.run(id, subscriber.id, seq, event.action, imageOf(event), payload, now.getTime(), subscriber.uriHash, createdAt);
      summary.deliveries += 1;
    }
    summary.accepted += 1;
  }
  return index;
};

let store: ReturnType<typeof transactionOf> | null = null;
const transactionOf = () => rawDb().transaction(storeSome);

/**
 * Concurrent ingest requests take turns: one transaction per turn of the event loop, so four
 * envelopes arriving together do not hold it for four transactions (and their fsyncs) in a row.
 */
let ingestTurns: Promise<unknown> = Promise.resolve();
const inTurn = <T,>(run: () => T): Promise<T> => {
  const turn = ingestTurns.then(async () => {
    const value = run();
    await yieldToEventLoop();
    return value;
  });
  ingestTurns = turn.catch(() => undefined);
  return turn;
};

/**
 * Stores a batch of notifications before the registry gets its answer: once we say 2xx, no
 * event can be lost. A large batch is written in several short transactions; if the process
 * dies between two, the registry gets no answer and sends the whole batch again, and the
 * events already stored are recognised by their ids.
 */
export const ingestNotifications = (registry: { id: string; host: string }, events: RawEvent[]) =>
  trackWork(async (): Promise<IngestSummary> => {
    const { accepted: mapped, ignored } = mapNotifications(events, registry.host);
    // The same id twice in one batch counts once.
    const unique = [...new Map(mapped.map((event) => [event.sourceId, event])).values()];
    const summary: IngestSummary = {
      received: events.length,
      ignored: ignored.length,
      duplicates: mapped.length - unique.length,
      accepted: 0,
      deliveries: 0,
      ignoredReasons: ignored.slice(0, MAX_IGNORED_REASONS),
    };
    const subscribers = unique.length > 0 ? subscribersOf(registry.id) : [];
    for (let next = 0; next < unique.length; ) {
      const from = next;
      next = await inTurn(() => (store ??= transactionOf()).immediate(registry.id, unique, from, subscribers, summary));
      // The worker can start on what is stored while the rest is written.
      if (summary.deliveries > 0) wakeDeliveryWorker();
    }
    return summary;
  });
