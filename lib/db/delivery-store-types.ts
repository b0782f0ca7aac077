// The delivery queue's whole life, as each database stores it (lib/db/sqlite/delivery-store.ts,
// lib/db/postgres/delivery-store.ts): ingest records notifications and their deliveries, the
// worker claims due deliveries with a lease and records their attempts, Ping and Redeliver
// record attempts sent while the admin waits, retention deletes old rows in batches. Times are
// JS Dates or ms since the epoch here; each dialect stores them its way.

import type { DisableRule } from "../config/disable-rule";
import type { Sealed } from "../crypto/sealed";

/**
 * An enabled webhook of a registry, as ingest needs it to fan an event out: the hash of its
 * service URI as stored beside it, never the URI itself (ingest decrypts nothing).
 */
export type SubscriberRow = { id: string; actions: string; scope: string; serviceUriHash: string; payloadFormat: string };

/** One delivery ingest creates: pending, due at once. */
export type NewDelivery = {
  id: string;
  webhookId: string;
  action: string;
  image: string;
  payload: string;
  serviceUriHash: string;
};

/**
 * Decides which deliveries a newly recorded notification causes, given the tags it is about
 * (a push's own tag; for a delete, the tags earlier pushes recorded for its digest).
 */
export type FanOut<E extends StoredEvent = StoredEvent> = (event: E, tags: string[]) => NewDelivery[];

/**
 * What the store reads of a registry event (lib/registry/acr-events.ts's AcrEvent is one): its
 * source id for de-duplication, and what a delete needs to find the tags earlier pushes recorded.
 */
export type StoredEvent =
  | { action: "push"; sourceId: string; repository: string; tag: string; digest: string }
  | { action: "delete"; sourceId: string; repository: string; digest: string };

/** What one call of storeNotifications did; `next` is the first event it did not look at. */
export type StoredSome = { next: number; accepted: number; duplicates: number; deliveries: number };

export type Claimed = { seq: number; id: string; webhookId: string; payload: string; attemptCount: number };

/** A webhook's sending details as stored (service URI, headers and secrets sealed: openWebhook opens them). */
export type TargetRow = {
  id: string;
  serviceUri: Sealed;
  customHeaders: Sealed;
  status: string;
  signingSecret: Sealed | "";
  previousSigningSecret: Sealed | "";
  previousSecretExpiresAt: Date | null;
};

export type AttemptRow = {
  deliveryId: string;
  number: number;
  requestMethod: string;
  requestUri: string;
  /** JSON of [name, value] pairs, secret values masked. */
  requestHeaders: string;
  requestBody: string;
  requestBodyTruncated: boolean;
  responseStatus: number | null;
  responseReason: string | null;
  responseHeaders: string | null;
  responseBody: string | null;
  responseBodyTruncated: boolean;
  error: string | null;
  durationMs: number;
};

/** A claimed delivery's outcome: its attempt (none when it was not sent) and its new state. */
/** A webhook the recording of a batch disabled as failing (WEBHOOK_DISABLE_AFTER). */
export type AutoDisabled = { registry: string; webhook: string };

export type Settlement = {
  claimed: Claimed;
  attempt: AttemptRow | null;
  state: "pending" | "delivered" | "failed";
  lastStatus: string;
  /** ms since the epoch; 0 unless pending. */
  nextAttemptAt: number;
};

/**
 * The queue as the metrics endpoint reports it: pending deliveries due now (waiting to be sent,
 * or in flight), those waiting for a retry's time, and when the oldest due one fell due (ms
 * since the epoch; null when none is due).
 */
export type QueueDepth = { due: number; waitingForRetry: number; oldestDueAt: number | null };

/** What ingest needs of a registry: whose token to check, and the host its events name. */
export type IngestRegistry = { id: string; name: string; host: string; tokenHash: string };

export type DeliveryStore = {
  /**
   * The registry named in the notifications URL, or null. A prepared statement, not Prisma:
   * every envelope asks, and Prisma's query compilation cost the main thread a millisecond each.
   */
  ingestRegistry(name: string): Promise<IngestRegistry | null>;
  /** The registry's enabled webhooks. */
  subscribers(registryId: string): Promise<SubscriberRow[]>;
  /**
   * Records notifications from `events[start]` on (skipping ids already recorded for the
   * registry), the tags they teach and the deliveries `fanOut` decides, atomically, as many as
   * one short transaction takes; returns where it stopped. Wakes the workers of every instance.
   */
  storeNotifications<E extends StoredEvent>(registryId: string, events: E[], start: number, fanOut: FanOut<E>): Promise<StoredSome>;

  /**
   * Leases up to `limit` due pending deliveries to `owner` until `leaseUntil` (ms), oldest due
   * first, leaving out any beyond `cap` requests in flight per webhook, counting `ownInFlight`
   * (the owner's requests in flight by webhook id).
   */
  claimDue(owner: string, leaseUntil: number, limit: number, cap: number, ownInFlight: ReadonlyMap<string, number>): Promise<Claimed[]>;
  targets(webhookIds: string[]): Promise<TargetRow[]>;
  /**
   * Records attempts and new states, for deliveries `owner` still holds, in one transaction,
   * with what they tell about each webhook's health (lib/db/webhook-outcomes.ts): a webhook
   * that meets `disableAfter` is disabled as failing, and audited, in the same transaction.
   * Returns the webhooks it disabled (for the metrics).
   */
  settle(owner: string, settlements: Settlement[], now: Date, disableAfter?: DisableRule | null): Promise<AutoDisabled[]>;
  /** Hands back `owner`'s leases on deliveries still pending; returns how many. */
  releaseLeases(owner: string): Promise<number>;
  /** The pending deliveries `owner` holds (a delivery thread that died held them: they are failed as attempts). */
  leasedTo(owner: string): Promise<Claimed[]>;

  // Ping and Redeliver: one attempt sent while the admin waits, never retried.
  /** Records a ping before it is sent, as failed until its answer says otherwise (the worker only takes pending ones). */
  insertPing(ping: { id: string; webhookId: string; payload: string; serviceUriHash: string }, now: Date): Promise<void>;
  /** Records a sample ("sample-push", "sample-delete") the same way, with its Image column. */
  insertSample(sample: { id: string; webhookId: string; action: string; image: string; payload: string; serviceUriHash: string }, now: Date): Promise<void>;
  /** Records an attempt sent at once and the delivery's outcome, together. */
  recordSentNow(attempt: AttemptRow, outcome: { state: "delivered" | "failed"; lastStatus: string }, now: Date): Promise<void>;

  // Recover after an outage: failed events of a webhook queued again, a batch per call.
  /** How many events `requeueFailed` would queue again. */
  countRecoverable(selection: RecoverSelection): Promise<number>;
  /**
   * Queues again (pending, due now, unleased) at most BATCH of the selected failed events with
   * seq above `afterSeq`, in seq order; returns how many and the last seq, for the next call.
   */
  requeueFailed(selection: RecoverSelection, afterSeq: number, now: Date): Promise<{ count: number; lastSeq: number }>;

  // Retention, one batch (at most BATCH rows) per call: lib/delivery/pruning.ts loops.
  webhookIds(): Promise<string[]>;
  /** The seq of a webhook's newest delivery beyond its `keep` latest, if any. */
  retentionCutoff(webhookId: string, keep: number): Promise<number | null>;
  pruneDeliveriesUpTo(webhookId: string, seq: number): Promise<number>;
  deleteDeliveriesOfBatch(webhookId: string): Promise<number>;
  /** The next registry notifications after `after` in seq order, each saying if it was received before `before`. */
  registryEventsAfter(after: number, before: Date): Promise<{ seq: number; isOld: boolean }[]>;
  /** Deletes notifications with seq in [from, to] received before `before` that no delivery refers to. */
  pruneRegistryEventsBetween(from: number, to: number, before: Date): Promise<number>;
  pruneTagDigestsBatch(before: Date): Promise<number>;
  /** Deletes up to BATCH hours of the health rollup that started before `before`. */
  pruneHealthHoursBatch(before: Date): Promise<number>;

  /** Read at each metrics scrape: ranges of the (state, nextAttemptAt, seq) index only, no table rows. */
  queueDepth(now: number): Promise<QueueDepth>;
};

/**
 * A webhook's failed events recorded between `since` and `until` (not pings: those are tests),
 * except those recorded for another service URI than `serviceUriHash` (Redeliver's rule).
 */
export type RecoverSelection = { webhookId: string; since: Date; until: Date; serviceUriHash: string };
