// Ping and Redeliver make the server send a request at once; GitLab allows 5 a minute per
// hook, and so do we (per webhook and user). Sign-in uses the same limiter. A sliding window
// in memory: each server process counts its own requests.

export const MANUAL_SENDS_PER_MINUTE = 5;
const WINDOW_MS = 60_000;

export type RateLimiter = {
  take: (key: string, now?: number) => { isAllowed: true } | { isAllowed: false; retryInSeconds: number };
  /** How many keys are remembered (for tests: idle keys must not pile up). */
  size: () => number;
};

export const createRateLimiter = (limit = MANUAL_SENDS_PER_MINUTE, windowMs = WINDOW_MS): RateLimiter => {
  const hits = new Map<string, number[]>();
  let lastSweep = 0;
  /** Keys are chosen by callers (even by attackers: any email), so idle ones are forgotten. */
  const sweep = (now: number) => {
    if (now - lastSweep < windowMs) return;
    lastSweep = now;
    for (const [key, times] of hits) if (now - times[times.length - 1] >= windowMs) hits.delete(key);
  };
  return {
    take: (key, now = Date.now()) => {
      sweep(now);
      const recent = (hits.get(key) ?? []).filter((at) => now - at < windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { isAllowed: false, retryInSeconds: Math.ceil((recent[0] + windowMs - now) / 1000) };
      }
      recent.push(now);
      hits.set(key, recent);
      return { isAllowed: true };
    },
    size: () => hits.size,
  };
};
