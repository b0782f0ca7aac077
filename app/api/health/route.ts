import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { apiJson } from "@/lib/http/responses";

// Answered per request, never prerendered at build time.
export const dynamic = "force-dynamic";

/** GET: the process is up (liveness). Touches nothing, not even the database. Public. */
export const GET = () => apiJson({ status: "ok" });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "HEAD"], "Send GET.");
