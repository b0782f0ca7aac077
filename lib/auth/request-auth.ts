import "server-only";
import { apiError } from "../http/responses";
import { bearerToken } from "../http/bearer-token";
import { userForApiToken } from "./api-tokens";
import { auth } from "./better-auth";
import { userOfSession, type SignedInUser } from "./current-user";
import { hasRole, ROLE_LABELS, type Role } from "./roles";

export type Principal = SignedInUser & { via: "session" | "token" };

/** A route handler's caller: an API token (Authorization: Bearer) or the session cookie. */
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

export type Authorized = { ok: true; principal: Principal } | { ok: false; response: Response };

/** 401 with no (valid) credentials, 403 below the role the operation needs. */
export const authorizeRequest = async (request: Request, least: Role): Promise<Authorized> => {
  const principal = await authenticateRequest(request);
  if (!principal) {
    return {
      ok: false,
      response: apiError(401, "Unauthorized", "Sign in, or send a valid API token as 'Authorization: Bearer <token>'."),
    };
  }
  if (!hasRole(principal.role, least)) {
    return {
      ok: false,
      response: apiError(403, "Forbidden", `This needs the ${ROLE_LABELS[least]} role; you have ${ROLE_LABELS[principal.role]}.`),
    };
  }
  return { ok: true, principal };
};
