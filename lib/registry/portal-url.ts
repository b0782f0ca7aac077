import "server-only";
import { headers } from "next/headers";
import { env } from "../env";

/**
 * The portal's address as a registry must reach it: PORTAL_URL when set (behind a proxy,
 * set it), otherwise what the browser used to reach this page.
 */
export const portalUrlFrom = (requestHeaders: Headers) => {
  if (env.PORTAL_URL) return env.PORTAL_URL;
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
};

/** The same, for pages and server actions (route handlers pass their request's headers). */
export const portalUrl = async () => portalUrlFrom(await headers());
