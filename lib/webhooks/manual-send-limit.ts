import "server-only";
import { rateLimiter, type RateLimit } from "../security/rate-limit";

// Ping, Send sample and Redeliver make the server send a request at once; GitLab allows 5 a
// minute per hook, and so do we: per webhook and user, all three together (one budget, so a
// sample cannot be used to get around Ping's limit), counted in the database so the limit
// holds across every instance (the blade, the REST API and the CLI share it).

export const MANUAL_SENDS_PER_MINUTE = 5;
const manualSends: RateLimit = { name: "manual-send", limit: MANUAL_SENDS_PER_MINUTE, windowMs: 60_000 };

/** null when this send may go ahead; otherwise how long to wait. */
export const manualSendThrottle = async (webhookId: string, userId: string): Promise<number | null> => {
  const verdict = await rateLimiter.take(manualSends, `${webhookId}|${userId}`);
  return verdict.isAllowed ? null : verdict.retryInSeconds;
};
