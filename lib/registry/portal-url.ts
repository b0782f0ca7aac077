import "server-only";
import { headers } from "next/headers";
import { env } from "../env";

/** The origin the client used to reach this request (X-Forwarded-Host/-Proto behind a proxy). */
export const requestOrigin = (requestHeaders: Headers) => {
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
};

/**
 * The portal's address as a registry must reach it: PORTAL_URL when set (behind a proxy,
 * set it), otherwise what the browser used to reach this page.
 */
export const portalUrl = async () => env.PORTAL_URL ?? requestOrigin(await headers());
