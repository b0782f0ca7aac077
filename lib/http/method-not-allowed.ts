import "server-only";

import { apiError } from "./responses";

/**
 * Handlers for the methods a route does not take. Next.js's own 405 has an empty body and no
 * `Allow` header; this one names the methods (OPTIONS among them, as Next.js answers it) and
 * says what to send instead. Export those the route does not take, and OPTIONS.
 */
export const methodNotAllowed = (methods: readonly string[], howToCall: string) => {
  const allow = ["OPTIONS", ...methods].sort().join(", ");
  const refuse = (request: Request) =>
    apiError(405, "MethodNotAllowed", `${request.method} is not accepted here. ${howToCall}`, undefined, { Allow: allow });
  // Next.js would answer OPTIONS itself, listing every method exported, the refusals too.
  const options = () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
};
