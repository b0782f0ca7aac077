// When a failed attempt is tried again. Standard Webhooks' rules, with our default schedule:
// 2xx delivered; timeouts, connection errors, 429 and 5xx retried; 3xx (redirects are not
// followed) and other 4xx fail for good.

/** Each delay is spread by ±20% so receivers coming back up are not hit by a thundering herd. */
export const JITTER = 0.2;

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | undefined, now: number): number | null => {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
};

export type AttemptOutcome = { status: number | null; retryAfterMs: number | null };

export type Verdict = { state: "delivered" } | { state: "failed" } | { state: "pending"; delayMs: number };

export const isRetryable = (status: number | null) => status === null || status === 429 || status >= 500;

/**
 * What to do after attempt number `attempt` (1-based). Retry-After can push the next try
 * later than the schedule says, but never past the schedule's longest delay.
 */
export const judgeAttempt = (
  { status, retryAfterMs }: AttemptOutcome,
  attempt: number,
  schedule: readonly number[],
  random: () => number = Math.random,
): Verdict => {
  if (status !== null && status >= 200 && status < 300) return { state: "delivered" };
  if (!isRetryable(status) || attempt > schedule.length) return { state: "failed" };
  const scheduled = schedule[attempt - 1] * (1 - JITTER + 2 * JITTER * random());
  const longest = Math.max(...schedule);
  const delayMs = Math.round(Math.min(Math.max(scheduled, retryAfterMs ?? 0), longest));
  return { state: "pending", delayMs };
};
