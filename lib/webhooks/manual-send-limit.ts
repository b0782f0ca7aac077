import "server-only";
import { rateLimiter, type RateLimit } from "../security/rate-limit";

// Ping and Redeliver make the server send a request at once; GitLab allows 5 a minute per
// hook, and so do we: per webhook and user, Ping and Redeliver together, counted in the
// database so the limit holds across every instance (the blade and the REST API share it).

export const MANUAL_SENDS_PER_MINUTE = 5;
const manualSends: RateLimit = { name: "manual-send", limit: MANUAL_SENDS_PER_MINUTE, windowMs: 60_000 };

/** null when this send may go ahead; otherwise how long to wait. */
export const manualSendThrottle = async (webhookId: string, userId: string): Promise<number | null> => {
  const verdict = await rateLimiter.take(manualSends, `${webhookId}|${userId}`);
  return verdict.isAllowed ? null : verdict.retryInSeconds;
};
