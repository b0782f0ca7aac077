import "server-only";
import { apiError } from "../http/responses";
import { decodeParams } from "../http/route-params";
import { requestCaller } from "../operations/callers";
import { OperationRefused, type AnyOperation, type Caller } from "../operations/operation";
import { UnreadableWebhook } from "../webhooks/queries";

// The REST API's adapter: every handler under app/api/registries is `toRoute(operation, ...)`,
// so who may call it is the operation's declaration (lib/operations/), not a line each handler
// must remember.

export const unauthenticated = () =>
  apiError(401, "Unauthorized", "Sign in, or send a valid API token as 'Authorization: Bearer <token>'.");

const refused = (refusal: OperationRefused) => apiError(403, "Forbidden", refusal.message);

export type RouteCall<P> = { caller: Caller; request: Request; params: P };

/**
 * A route handler for `operation`: 401 without valid credentials, 403 below its role (before
 * the body is read), otherwise `handle` with the caller and the decoded route params.
 */
export const toRoute = <P extends Record<string, string> = Record<string, never>>(
  operation: AnyOperation,
  handle: (call: RouteCall<P>) => Promise<Response>,
) =>
  // `operation` and `handle` stay reachable so another adapter of the same operation (the ARM
  // paths, lib/api/arm/) can check the same role once and then run this handler as it is.
  Object.assign(
    async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
      const who = await requestCaller(request, operation);
      if (!who.ok) return who.reason === "unauthenticated" ? unauthenticated() : refused(who.refusal);
      const params = decodeParams((await context?.params) ?? ({} as P));
      try {
        return await handle({ caller: who.caller, request, params });
      } catch (error) {
        if (error instanceof OperationRefused) return refused(error);
        if (error instanceof UnreadableWebhook) return apiError(409, "WebhookUnreadable", error.message);
        throw error;
      }
    },
    { operation, handle },
  );

/** A handler toRoute made: callable by Next.js, and by another adapter through `handle`. */
export type RouteHandler<P extends Record<string, string>> = ReturnType<typeof toRoute<P>>;
