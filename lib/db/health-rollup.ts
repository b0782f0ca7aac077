import type { Settlement } from "./delivery-store-types";
import type { HealthHourRow } from "./store-contracts";

// The hourly rollup behind the health columns and chart (WebhookHealthHour, read by
// lib/events/health.ts). Reading every attempt of a 7-day window at request time cost ~200 ms
// of SQLite's synchronous event loop with 100,000 attempts; instead each recorded batch adds
// its counts to one row per webhook and UTC hour, in the transaction that records the
// attempts, so a read touches at most 168 rows whatever the traffic. Both dialects' stores
// aggregate a batch here first and upsert the result (one statement per batch).

export const HOUR_MS = 60 * 60 * 1000;

/** Response-time bucket bounds in ms (log-spaced, as Prometheus' default buckets); the last bucket is +Inf. */
export const DURATION_BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

/** The bucket columns, in bound order: "le10" counts times ≤ 10 ms, "le25" those in (10, 25], ... "leInf" the rest. */
export const BUCKET_COLUMNS = [...DURATION_BOUNDS_MS.map((bound) => `le${bound}`), "leInf"] as const;

export type AttemptOutcome = "delivered" | "retried" | "failed";

/** One webhook's attempts in one UTC hour of one batch: what is added to its row. */
export type HealthHourDelta = {
  webhookId: string;
  hourStart: Date;
  delivered: number;
  retried: number;
  failed: number;
  responded: number;
  /** Counts per BUCKET_COLUMNS entry. */
  buckets: number[];
  maxDurationMs: number;
  /** The last of these attempts (in the batch's order): the list's "Last delivery". */
  latestAt: Date;
  latestOutcome: AttemptOutcome;
  latestStatus: string;
};

/** One recorded attempt as the rollup sees it. */
export type RolledAttempt = {
  webhookId: string;
  outcome: AttemptOutcome;
  /** The response time when an HTTP response arrived, else null (errors, timeouts, blocked). */
  respondedInMs: number | null;
  /** The delivery's status column after it ("200 OK", "503 Service Unavailable", "Connection refused"). */
  status: string;
};

export const hourStartOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

export const bucketIndexOf = (durationMs: number) => {
  const index = DURATION_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? DURATION_BOUNDS_MS.length : index;
};

/** "pending" after an attempt means it failed and another is scheduled. */
export const outcomeOfState = (state: Settlement["state"]): AttemptOutcome => (state === "pending" ? "retried" : state);

/** A settled delivery's attempt for the rollup (null when nothing was sent). */
export const rolledAttemptOf = ({ claimed, attempt, state, lastStatus }: Settlement): RolledAttempt | null =>
  attempt
    ? { webhookId: claimed.webhookId, outcome: outcomeOfState(state), respondedInMs: attempt.responseStatus === null ? null : Math.round(attempt.durationMs), status: lastStatus }
    : null;

/**
 * A batch's attempts, all recorded at `at`, as one delta per webhook (they share the hour),
 * by webhook id so that concurrent batches lock rows in the same order.
 */
export const healthDeltas = (attempts: readonly RolledAttempt[], at: Date): HealthHourDelta[] => {
  const hourStart = hourStartOf(at);
  const byWebhook = new Map<string, HealthHourDelta>();
  for (const attempt of attempts) {
    let delta = byWebhook.get(attempt.webhookId);
    if (!delta) {
      delta = {
        webhookId: attempt.webhookId, hourStart, delivered: 0, retried: 0, failed: 0, responded: 0,
        buckets: BUCKET_COLUMNS.map(() => 0), maxDurationMs: 0, latestAt: at, latestOutcome: attempt.outcome, latestStatus: "",
      };
      byWebhook.set(attempt.webhookId, delta);
    }
    delta[attempt.outcome] += 1;
    if (attempt.respondedInMs !== null) {
      delta.responded += 1;
      delta.buckets[bucketIndexOf(attempt.respondedInMs)] += 1;
      delta.maxDurationMs = Math.max(delta.maxDurationMs, attempt.respondedInMs);
    }
    delta.latestOutcome = attempt.outcome;
    delta.latestStatus = attempt.status;
  }
  return [...byWebhook.values()].sort((a, b) => (a.webhookId < b.webhookId ? -1 : a.webhookId > b.webhookId ? 1 : 0));
};

const COUNT_COLUMNS = ["delivered", "retried", "failed", "responded", ...BUCKET_COLUMNS];

/** The columns an upsert writes, in the order of `deltaValues`. */
export const DELTA_COLUMNS = ["webhookId", "hourStart", ...COUNT_COLUMNS, "maxDurationMs", "latestAt", "latestOutcome", "latestStatus"];

export const deltaValues = (delta: HealthHourDelta, date: (at: Date) => string) => [
  delta.webhookId, date(delta.hourStart), delta.delivered, delta.retried, delta.failed, delta.responded, ...delta.buckets,
  delta.maxDurationMs, date(delta.latestAt), delta.latestOutcome, delta.latestStatus,
];

/**
 * The ON CONFLICT clause both dialects share: counts add up (two instances' batches of the
 * same webhook and hour), the latest attempt is whichever was recorded last.
 */
export const UPSERT_CONFLICT = `ON CONFLICT ("webhookId", "hourStart") DO UPDATE SET
  ${COUNT_COLUMNS.map((column) => `"${column}" = "WebhookHealthHour"."${column}" + excluded."${column}"`).join(", ")},
  "maxDurationMs" = CASE WHEN excluded."maxDurationMs" > "WebhookHealthHour"."maxDurationMs" THEN excluded."maxDurationMs" ELSE "WebhookHealthHour"."maxDurationMs" END,
  ${["latestOutcome", "latestStatus", "latestAt"]
    .map((column) => `"${column}" = CASE WHEN excluded."latestAt" >= "WebhookHealthHour"."latestAt" THEN excluded."${column}" ELSE "WebhookHealthHour"."${column}" END`)
    .join(", ")}`;

/**
 * A stored rollup row as the reads return it; `hourStart` and `latestAt` are the two times as
 * each dialect hands them back (ISO text on SQLite, epoch ms on PostgreSQL).
 */
export const toHealthHourRow = (row: Record<string, string | number>, hourStart: Date, latestAt: Date): HealthHourRow => ({
  webhookId: String(row.webhookId),
  hourStart,
  delivered: Number(row.delivered),
  retried: Number(row.retried),
  failed: Number(row.failed),
  responded: Number(row.responded),
  buckets: BUCKET_COLUMNS.map((column) => Number(row[column])),
  maxDurationMs: Number(row.maxDurationMs),
  latestAt,
  latestOutcome: String(row.latestOutcome),
  latestStatus: String(row.latestStatus),
});
