import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { userForApiToken } from "../auth/api-tokens";
import { auth } from "../auth/better-auth";
import { currentUser, userOfSession } from "../auth/current-user";
import { bearerToken } from "../http/bearer-token";
import { clientAddress } from "../http/client-address";
import { allows, OperationRefused, type AnyOperation, type Caller, type Principal } from "./operation";

// How each adapter finds out who is calling. All three then ask the operation's declaration
// whether the caller may run it, so an adapter refuses early (before reading a body, say)
// with its own medium's answer; the operation checks again itself.

/** The session's caller: `whenSignedOut` without a session, 403 (forbidden()) below the role. */
const sessionCaller = async (operation: AnyOperation, whenSignedOut: () => never): Promise<Caller> => {
  const user = await currentUser();
  if (!user) whenSignedOut();
  if (!allows(operation, user.role)) forbidden();
  return { principal: { ...user, via: "session" }, ipAddress: clientAddress(await headers()) };
};

/** For pages: a redirect to sign in without a session; Next.js renders app/forbidden.tsx below the role. */
export const pageCaller = (operation: AnyOperation) => sessionCaller(operation, () => redirect("/sign-in"));

/** For server actions: 401 without a session, 403 below the role. */
export const actionCaller = (operation: AnyOperation) => sessionCaller(operation, unauthorized);

/** A route handler's principal: an API token (Authorization: Bearer) or the session cookie. */
export const authenticateRequest = async (request: Request): Promise<Principal | null> => {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const token = bearerToken(authorization);
    const user = token ? await userForApiToken(token) : null;
    return user ? { ...user, via: "token" } : null;
  }
  const session = await auth().api.getSession({ headers: request.headers });
  return session ? { ...userOfSession(session), via: "session" } : null;
};

export type RequestCaller = { ok: true; caller: Caller } | { ok: false; reason: "unauthenticated" } | { ok: false; reason: "refused"; refusal: OperationRefused };

/** For route handlers: the caller, or why not (the REST adapter turns it into 401/403). */
export const requestCaller = async (request: Request, operation: AnyOperation): Promise<RequestCaller> => {
  const principal = await authenticateRequest(request);
  if (!principal) return { ok: false, reason: "unauthenticated" };
  if (!allows(operation, principal.role)) {
    return { ok: false, reason: "refused", refusal: new OperationRefused(operation.operationName, operation.least, principal.role) };
  }
  return { ok: true, caller: { principal, ipAddress: clientAddress(request.headers) } };
};
