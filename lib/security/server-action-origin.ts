import { isCsrfOriginAllowed } from "next/dist/server/app-render/csrf-protection";

// Next.js refuses a server action whose Origin names another host than the request's, unless
// `serverActions.allowedOrigins` lists it, but answers a bare 500. This finds the same requests,
// by the same rules (next/dist/server/app-render/action-handler.js: handleAction and
// parseHostHeader), so proxy.ts can answer them 403 first. Next.js's own matcher is reused
// for allowedOrigins so that wildcards mean exactly what they mean to Next.js.

const hostOf = (origin: string) => {
  if (origin === "null") return "null"; // sandboxed frames and data: pages send "Origin: null"
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

/** True for a request Next.js would refuse as a cross-origin server action. */
export const isCrossOriginServerAction = (method: string, headers: Headers, allowedOrigins: readonly string[]) => {
  if (method !== "POST") return false;
  // A fetch action carries Next-Action; a form posted before hydration is multipart.
  const isPossibleAction = headers.has("next-action") || (headers.get("content-type") ?? "").startsWith("multipart/form-data");
  if (!isPossibleAction) return false;
  const origin = headers.get("origin");
  // Next.js lets a request without Origin through: browsers always send it on a cross-origin POST.
  if (origin === null) return false;
  const originHost = hostOf(origin);
  if (originHost === null) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
  if (host && originHost === host) return false;
  return !isCsrfOriginAllowed(originHost, [...allowedOrigins]);
};
