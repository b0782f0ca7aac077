import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { isArmPath } from "./lib/api/arm/arm-path";
import { contentSecurityPolicy, newNonce } from "./lib/security/content-security-policy";
import { isCrossOriginServerAction } from "./lib/security/server-action-origin";
import serverActionOrigins from "./lib/security/server-action-origins";

// Runs before every route. Four jobs:
// 1. Next.js answers a bare "Internal Server Error" when a path has a malformed %-escape (it
//    cannot decode the route parameter): catch that first and explain it.
// 2. Next.js refuses a server action sent from another origin with a bare 500 too: answer 403.
// 3. Send visitors without a session cookie to the sign-in page (APIs answer 401). This is
//    only the fast path: every page, action and route checks the session and role itself.
// 4. Give each page response its own script nonce and the Content-Security-Policy using it.
// ARM's paths (/subscriptions/..., lib/api/arm/) are an API as /api/ is.

/**
 * Reachable without signing in: the sign-in and setup pages, Distribution's endpoint (its own
 * bearer token), the load balancer's health checks (they say nothing but up and ready), the
 * metrics (METRICS_TOKEN, checked by the route), test receivers (an unguessable id, as any
 * webhook receiver's URL), and robots.txt (public/: it asks crawlers to
 * stay out).
 */
const isPublic = (pathname: string) =>
  pathname === "/sign-in" ||
  pathname === "/robots.txt" ||
  pathname === "/setup" ||
  pathname === "/api/health" ||
  pathname === "/api/ready" ||
  pathname === "/api/metrics" ||
  /^\/api\/registries\/[^/]+\/notifications$/.test(pathname) ||
  /^\/api\/receivers\/[^/]+$/.test(pathname);

const plainText = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

const withNonce = (request: NextRequest) => {
  const policy = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === "production");
  // Next.js reads the nonce from the request's policy and stamps it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
};

/** JSON routes: the portal's REST API and the ARM paths. */
const isApi = (pathname: string) => pathname.startsWith("/api/") || isArmPath(pathname);

export const proxy = (request: NextRequest) => {
  const { pathname, search } = request.nextUrl;
  try {
    decodeURIComponent(pathname);
  } catch {
    return plainText(400, "Bad request: the address contains a malformed %-escape.");
  }
  // Route handlers never run server actions; pages (sign-in among them) do.
  if (!isApi(pathname) && isCrossOriginServerAction(request.method, request.headers, serverActionOrigins)) {
    return plainText(403, "Forbidden: server actions are accepted only from this portal's own pages, and this one came from another origin.");
  }
  if (isPublic(pathname) || getSessionCookie(request)) {
    // JSON routes (Distribution's notifications among them) need no script nonce.
    return isApi(pathname) ? NextResponse.next() : withNonce(request);
  }
  // A server action (a POST with Next-Action) cannot follow a redirect to a page: refuse it.
  if (isApi(pathname) || request.headers.has("next-action")) {
    // API tokens are checked by the route itself.
    if (isApi(pathname) && request.headers.has("authorization")) return NextResponse.next();
    return NextResponse.json(
      { error: { code: "Unauthorized", message: "Sign in, or send a valid API token as 'Authorization: Bearer <token>'." } },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
};

// Everything but Next.js's own static files and the icon.
export const config = { matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico).*)"] };
