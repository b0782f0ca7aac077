import "server-only";
import { readiness } from "../health/readiness";
import { methodNotAllowed } from "../http/method-not-allowed";
import { apiJson } from "../http/responses";

// For load balancers and orchestrators, without a session, revealing nothing else.

/** GET /api/health: the process is up (liveness). Touches nothing, not even the database. */
export const healthRoute = () => apiJson({ status: "ok" });

/** GET /api/ready: this instance can serve (database reachable, migrated, not draining). */
export const readyRoute = async () => {
  const result = await readiness();
  return result.isReady ? apiJson({ status: "ready" }) : apiJson({ status: "unavailable", reason: result.reason }, 503);
};

/** Both answer GET (and HEAD) only. */
export const healthOtherMethods = methodNotAllowed(["GET", "HEAD"], "Send GET.");
