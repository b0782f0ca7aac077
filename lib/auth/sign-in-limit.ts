import "server-only";
import { rateLimiter, type RateLimit } from "../security/rate-limit";

// Password guessing is slowed three ways: 5 tries a minute for one email from one address,
// 30 a minute from one address in all, and 10 a minute for one email from anywhere. The last
// holds even when the address is forged (it comes from X-Forwarded-For, which a client can
// send itself unless a proxy in front overwrites it). Counted in the database, so the limits
// hold across every instance on it.

const perAddress: RateLimit = { name: "sign-in-address", limit: 30, windowMs: 60_000 };
const perAccountAndAddress: RateLimit = { name: "sign-in-account-address", limit: 5, windowMs: 60_000 };
const perAccount: RateLimit = { name: "sign-in-account", limit: 10, windowMs: 60_000 };

/** null when this attempt may go ahead; otherwise how long to wait. */
export const signInThrottle = async (address: string, email: string): Promise<number | null> => {
  const verdict = await rateLimiter.takeInOrder([
    [perAddress, address],
    [perAccountAndAddress, `${address}|${email}`],
    [perAccount, email],
  ]);
  return verdict.isAllowed ? null : verdict.retryInSeconds;
};
