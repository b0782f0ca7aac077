import net from "node:net";
import { fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { dispatcherFor, OutboundPolicyError } from "../delivery/dispatchers";
import { checkAddress, hostOf } from "../delivery/outbound-policy";
import { parseAuthChallenge } from "./auth-challenge";
import { failureMessage, RegistryApiError } from "./errors";
import type { WalkLimits } from "./limits";
import { readCappedText } from "./read-body";

// GETs against one registry's /v2/ API, with its credentials: Basic (Distribution's htpasswd)
// sent from the first request, and the Bearer challenge (token auth: Harbor, Docker Hub, or
// Distribution's `auth: token`) answered by asking the realm for a token per scope. Every
// request has a timeout and a body cap; redirects are followed only on the registry's origin.

export type ApiCredentials = { username: string; password: string } | null;

export type JsonPage = { status: number; body: unknown; link: string | null };

const MAX_REDIRECTS = 3;

export type RegistryApiClient = {
  /** GET `url` (on the registry's origin) as JSON; `scope` is the token scope it needs under token auth. */
  getJson: (url: URL, scope: string) => Promise<JsonPage>;
  origin: string;
};

const basicHeader = (credentials: NonNullable<ApiCredentials>) =>
  `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`;

/**
 * fetch under the outbound policy, as deliveries are sent: an IP literal is checked here (it is
 * connected to without a lookup), a host name by the lookup inside the connection.
 */
const guardedFetch = async (url: URL, init: Omit<UndiciRequestInit, "dispatcher">, limits: WalkLimits): Promise<Response> => {
  const host = hostOf(url);
  if (net.isIP(host)) {
    const verdict = checkAddress(host, host, limits.allowlist);
    if (!verdict.isAllowed) throw new RegistryApiError("blocked", failureMessage.blocked(verdict.reason));
  }
  try {
    return (await undiciFetch(url, { ...init, dispatcher: dispatcherFor(limits.allowlist) })) as unknown as Response;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof OutboundPolicyError) throw new RegistryApiError("blocked", failureMessage.blocked(cause.message));
    throw error;
  }
};

export const createRegistryApiClient = (address: string, credentials: ApiCredentials, limits: WalkLimits): RegistryApiClient => {
  const origin = new URL(address).origin;
  // Token auth: the realm and service learnt from the first challenge, and a token per scope.
  let tokenService: { realm: string; service: string | null } | null = null;
  const tokens = new Map<string, string>();

  const send = async (url: URL, authorization: string | undefined): Promise<Response> => {
    let target = url;
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await guardedFetch(
          target,
          {
            headers: { Accept: "application/json", ...(authorization ? { Authorization: authorization } : {}) },
            redirect: "manual",
            signal: AbortSignal.timeout(limits.requestTimeoutMs),
          },
          limits,
        );
      } catch (error) {
        if (error instanceof RegistryApiError) throw error;
        if ((error as Error).name === "TimeoutError") throw new RegistryApiError("timeout", failureMessage.timeout(origin, limits.requestTimeoutMs));
        throw new RegistryApiError("unreachable", failureMessage.unreachable(origin));
      }
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel().catch(() => {});
      const next = URL.canParse(location, target) ? new URL(location, target) : null;
      // Credentials go only to the registry's own origin.
      if (!next || next.origin !== origin || hop >= MAX_REDIRECTS) throw new RegistryApiError("redirected", failureMessage.redirected());
      target = next;
    }
  };

  const fetchToken = async (scope: string): Promise<string> => {
    if (!tokenService) throw new RegistryApiError("unauthorized", failureMessage.unauthorized(credentials !== null));
    if (!URL.canParse(tokenService.realm)) throw new RegistryApiError("not-registry", failureMessage.notRegistry(origin));
    const url = new URL(tokenService.realm);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new RegistryApiError("not-registry", failureMessage.notRegistry(origin));
    if (tokenService.service) url.searchParams.set("service", tokenService.service);
    if (scope) url.searchParams.set("scope", scope);
    let response: Response;
    try {
      response = await guardedFetch(
        url,
        {
          headers: { Accept: "application/json", ...(credentials ? { Authorization: basicHeader(credentials) } : {}) },
          redirect: "error",
          signal: AbortSignal.timeout(limits.requestTimeoutMs),
        },
        limits,
      );
    } catch (error) {
      if (error instanceof RegistryApiError) throw error;
      if ((error as Error).name === "TimeoutError") throw new RegistryApiError("timeout", failureMessage.timeout(url.origin, limits.requestTimeoutMs));
      throw new RegistryApiError("unreachable", failureMessage.unreachable(url.origin));
    }
    const text = await readBody(response, limits, url.origin);
    if (response.status === 401 || response.status === 403) throw new RegistryApiError("unauthorized", failureMessage.unauthorized(credentials !== null));
    if (!response.ok) throw new RegistryApiError("failed", failureMessage.failed(response.status));
    const body = safeJson(text) as { token?: unknown; access_token?: unknown } | null;
    const token = typeof body?.token === "string" ? body.token : typeof body?.access_token === "string" ? body.access_token : null;
    if (!token) throw new RegistryApiError("not-registry", failureMessage.notRegistry(origin));
    tokens.set(scope, token);
    return token;
  };

  const authorizationFor = (scope: string) => {
    if (tokenService) return tokens.has(scope) ? `Bearer ${tokens.get(scope)}` : undefined;
    return credentials ? basicHeader(credentials) : undefined;
  };

  const getJson = async (url: URL, scope: string): Promise<JsonPage> => {
    if (url.origin !== origin) throw new RegistryApiError("redirected", failureMessage.redirected());
    let response = await send(url, authorizationFor(scope));
    if (response.status === 401) {
      const challenge = parseAuthChallenge(response.headers.get("www-authenticate"));
      await response.body?.cancel().catch(() => {});
      // A Basic refusal after sending the credentials, or no way to get a token: wrong or missing credentials.
      if (challenge.scheme !== "bearer") throw new RegistryApiError("unauthorized", failureMessage.unauthorized(credentials !== null));
      const hadToken = tokenService !== null && tokens.has(scope);
      tokenService = { realm: challenge.realm, service: challenge.service };
      if (hadToken) throw new RegistryApiError("unauthorized", failureMessage.unauthorized(credentials !== null));
      const token = await fetchToken(challenge.scope ?? scope);
      if (challenge.scope && challenge.scope !== scope) tokens.set(scope, token);
      response = await send(url, `Bearer ${token}`);
      if (response.status === 401) {
        await response.body?.cancel().catch(() => {});
        throw new RegistryApiError("unauthorized", failureMessage.unauthorized(credentials !== null));
      }
    }
    const text = await readBody(response, limits, origin);
    return { status: response.status, body: response.ok ? safeJson(text) : null, link: response.headers.get("link") };
  };

  return { getJson, origin };
};

/** The body within the cap; the request's timeout also covers reading it. */
const readBody = async (response: Response, limits: WalkLimits, origin: string): Promise<string> => {
  try {
    return await readCappedText(response, limits.maxBodyBytes);
  } catch (error) {
    if (error instanceof RegistryApiError) throw error;
    if ((error as Error).name === "TimeoutError") throw new RegistryApiError("timeout", failureMessage.timeout(origin, limits.requestTimeoutMs));
    throw new RegistryApiError("unreachable", failureMessage.unreachable(origin));
  }
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
