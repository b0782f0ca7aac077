// Ping and Redeliver make the server send a request at once; GitLab allows 5 a minute per
// hook, and so do we (per webhook and, once sign-in exists, per user). A sliding window in
// memory: each server process counts its own requests.

export const MANUAL_SENDS_PER_MINUTE = 5;
const WINDOW_MS = 60_000;

export type RateLimiter = { take: (key: string, now?: number) => { isAllowed: true } | { isAllowed: false; retryInSeconds: number } };

export const createRateLimiter = (limit = MANUAL_SENDS_PER_MINUTE, windowMs = WINDOW_MS): RateLimiter => {
  const hits = new Map<string, number[]>();
  return {
    take: (key, now = Date.now()) => {
      const recent = (hits.get(key) ?? []).filter((at) => now - at < windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { isAllowed: false, retryInSeconds: Math.ceil((recent[0] + windowMs - now) / 1000) };
      }
      recent.push(now);
      hits.set(key, recent);
      return { isAllowed: true };
    },
  };
};
