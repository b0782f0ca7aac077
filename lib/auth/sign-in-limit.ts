import "server-only";
import { createRateLimiter, type RateLimiter } from "../webhooks/rate-limit";

// Password guessing is slowed three ways: 5 tries a minute for one email from one address,
// 30 a minute from one address in all, and 10 a minute for one email from anywhere. The last
// holds even when the address is forged (it comes from X-Forwarded-For, which a client can
// send itself unless a proxy in front overwrites it). In memory, per server process.

type Limiters = { perAccountAndAddress: RateLimiter; perAddress: RateLimiter; perAccount: RateLimiter };

const globalForLimits = globalThis as unknown as { signInLimiters?: Limiters };
const limiters = (globalForLimits.signInLimiters ??= {
  perAccountAndAddress: createRateLimiter(5, 60_000),
  perAddress: createRateLimiter(30, 60_000),
  perAccount: createRateLimiter(10, 60_000),
});

/** null when this attempt may go ahead; otherwise how long to wait. */
export const signInThrottle = (address: string, email: string): number | null => {
  for (const [limiter, key] of [
    [limiters.perAddress, address],
    [limiters.perAccountAndAddress, `${address}|${email}`],
    [limiters.perAccount, email],
  ] as const) {
    const verdict = limiter.take(key);
    if (!verdict.isAllowed) return verdict.retryInSeconds;
  }
  return null;
};
