import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { apiJson } from "@/lib/http/responses";
import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** GET: this instance can serve (database reachable, migrated, not draining). Public. */
export const GET = async () => {
  const result = await readiness();
  return result.isReady ? apiJson({ status: "ready" }) : apiJson({ status: "unavailable", reason: result.reason }, 503);
};

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "HEAD"], "Send GET.");
