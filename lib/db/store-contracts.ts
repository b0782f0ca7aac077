import type { Sealed } from "../crypto/sealed";
import type { HealthHourDelta } from "./health-rollup";

// What each dialect's SQL (lib/db/sqlite/*, lib/db/postgres/*) provides to the domains that
// use it, besides the delivery queue (./delivery-store-types.ts). The domains pick the
// implementation for the configured database; the contracts live here, below them.

/** Audit retention (lib/audit/retention.ts). */
export type AuditEntries = {
  /** Deletes at most BATCH entries created before `before`, oldest first, through the createdAt index; returns how many. */
  deleteBatchOlderThan: (before: Date) => Promise<number>;
};

/** The rate limiter's counters (lib/security/rate-limit.ts): one slot asked of one key. */
export type SlotRequest = { key: string; limit: number; expiresAt: number };

/** Where hits are counted: one dialect's SQL. */
export type RateLimitHits = {
  /**
   * In one transaction that takers of the same keys on other instances wait for, for each
   * request in order: deletes the key's expired hits, then either finds the live hit whose
   * expiry frees a slot (the limit-th newest) and stops, returning its expiresAt, or records a
   * hit. null when every request got its slot.
   */
  takeInOrder: (requests: readonly SlotRequest[], now: number) => Promise<number | null>;
  /** Deletes at most BATCH expired hits (lib/db/batches.ts); returns how many. */
  pruneExpiredBatch: (now: number) => Promise<number>;
};

/** The encrypt-at-rest pass (lib/webhooks/encrypt-at-rest.ts): a webhook row as it reads it. */
export type UnfinishedRow = { id: string; serviceUri: Sealed; customHeaders: Sealed; serviceUriHash: string };
/** What the pass writes back to a row. */
export type FinishedColumns = { serviceUri: Sealed; customHeaders: Sealed; serviceUriHash: string };

export type WebhookSecretRows = {
  /**
   * In one transaction that other writers of those rows wait for (a form being saved, another
   * instance doing the same pass), reads up to `limit` webhooks with an id after `afterId`, in
   * id order, whose service URI or custom headers do not start with `sealedPrefix` or whose
   * serviceUriHash is empty, and writes back what `rewrite` returns (null: leave it alone).
   * Returns how many rows it read and changed, and the last id read.
   */
  rewriteUnfinished: (
    sealedPrefix: string,
    afterId: string,
    limit: number,
    rewrite: (row: UnfinishedRow) => FinishedColumns | null,
  ) => Promise<{ read: number; changed: number; lastId: string }>;
};

/**
 * One row of the hourly health rollup (WebhookHealthHour, lib/db/health-rollup.ts): the sums
 * of the deltas added to it, with the outcome of its latest attempt as stored.
 */
export type HealthHourRow = Omit<HealthHourDelta, "latestOutcome"> & { latestOutcome: string };

/** A webhook's attempts since a time, and how many of them were delivered (2xx). */
export type AttemptTally = { webhookId: string; attempts: number; delivered: number };

/**
 * The health columns and chart (lib/events/health.ts), read from the hourly rollup by its
 * primary key (webhookId, hourStart): at most 168 rows for a chart, 24 per webhook of a list page.
 */
export type DeliveryHealthReads = {
  /** The rows of these webhooks from `since` on. */
  hours: (webhookIds: string[], since: Date) => Promise<HealthHourRow[]>;
  /** Their rows since `since` summed in SQL (the list: 50 small rows rather than 1,200 wide ones). */
  tallies: (webhookIds: string[], since: Date) => Promise<AttemptTally[]>;
  /** Each webhook's newest row (its latest attempt), if it has any. */
  newest: (webhookIds: string[]) => Promise<HealthHourRow[]>;
};
