import "server-only";
import { createRateLimiter, type RateLimiter } from "../webhooks/rate-limit";

// Password guessing is slowed per address and account: 5 tries a minute for one email from
// one address, 30 a minute from one address in all. In memory, per server process.

const globalForLimits = globalThis as unknown as { signInLimiters?: { perAccount: RateLimiter; perAddress: RateLimiter } };
const limiters = (globalForLimits.signInLimiters ??= {
  perAccount: createRateLimiter(5, 60_000),
  perAddress: createRateLimiter(30, 60_000),
});

/** null when this attempt may go ahead; otherwise how long to wait. */
export const signInThrottle = (address: string, email: string): number | null => {
  const byAddress = limiters.perAddress.take(address);
  if (!byAddress.isAllowed) return byAddress.retryInSeconds;
  const byAccount = limiters.perAccount.take(`${address}|${email}`);
  return byAccount.isAllowed ? null : byAccount.retryInSeconds;
};
