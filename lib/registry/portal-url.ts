import "server-only";
import { headers } from "next/headers";
import { env } from "../env";

/**
 * The portal's address as a registry must reach it: PORTAL_URL when set (behind a proxy,
 * set it), otherwise what the browser used to reach this page.
 */
export const portalUrl = async () => {
  if (env.PORTAL_URL) return env.PORTAL_URL;
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
};
