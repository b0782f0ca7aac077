// What the health columns of the webhooks list and the detail page's chart show. Plain data:
// the server computes it (lib/events/health.ts), client components draw it.

/** The chart's span: the current UTC hour and the 23 (or 167) before it. */
export type HealthRange = "24h" | "7d";
export const HEALTH_RANGES: readonly HealthRange[] = ["24h", "7d"];
export const HOURS_IN_RANGE: Record<HealthRange, number> = { "24h": 24, "7d": 168 };

/**
 * One UTC hour of a webhook's attempts: how many were delivered (2xx), failed and retried
 * (another attempt was scheduled), failed for good; and the p50 and p95 response time in ms of
 * the attempts that got a response (null when none did), approximate: read from the hourly
 * rollup's buckets (lib/events/health.ts, percentileFromBuckets).
 */
export type HealthHour = {
  /** ISO start of the hour, UTC. */
  start: string;
  delivered: number;
  retried: number;
  failed: number;
  p50: number | null;
  p95: number | null;
};

export type DeliveryHealth = { range: HealthRange; hours: HealthHour[] };

export type AttemptOutcomeText = "delivered" | "retried" | "failed";

/** A row of the webhooks list's health columns. */
export type WebhookHealthSummary = {
  /** The latest attempt ever made, or null when there was none. */
  lastAttempt: { at: string; outcome: AttemptOutcomeText; httpStatus: string } | null;
  /** Attempts in the last 24 h (the chart's 24 hours) and how many were delivered. */
  attempts: number;
  delivered: number;
};
