import "server-only";
import { env } from "../env";
import { bearerToken } from "../http/bearer-token";
import { methodNotAllowed } from "../http/method-not-allowed";
import { apiError } from "../http/responses";
import { processMetrics } from "../metrics/metrics";
import { hashToken, tokenMatches } from "../security/token-hash";

// GET /api/metrics for Prometheus: its own bearer token (METRICS_TOKEN), never a session or an
// API token, so a scraper's credential opens nothing else and no user's opens the metrics.

/**
 * The refusal for a request that may not read the metrics, or null. Decided before anything
 * is read: a refused request costs no query and changes nothing.
 */
export const refuseMetricsRequest = (authorization: string | null, configuredToken: string | undefined): Response | null => {
  if (!configuredToken) {
    return apiError(404, "MetricsDisabled", "Metrics are off on this instance: start it with METRICS_TOKEN set to serve them here.");
  }
  const token = bearerToken(authorization);
  // Both sides hashed to the same length, then compared in constant time.
  if (token && tokenMatches(token, hashToken(configuredToken))) return null;
  return apiError(401, "Unauthorized", "Send the metrics token (METRICS_TOKEN) as Authorization: Bearer <token>.", undefined, {
    "WWW-Authenticate": 'Bearer realm="metrics"',
  });
};

/** GET /api/metrics: this process's counters and the database's queue gauges, in Prometheus's text format. */
export const metricsRoute = async (request: Request) => {
  const refused = refuseMetricsRequest(request.headers.get("authorization"), env.METRICS_TOKEN);
  if (refused) return refused;
  const metrics = processMetrics();
  return new Response(await metrics.render(), { headers: { "Content-Type": metrics.contentType, "Cache-Control": "no-store" } });
};

/** GET (and HEAD) only. */
export const metricsOtherMethods = methodNotAllowed(["GET", "HEAD"], "Send GET with Authorization: Bearer <METRICS_TOKEN>.");
