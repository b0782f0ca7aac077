/**
 * Where a request came from, for the audit log and the sign-in limiter. `next start` sets
 * X-Forwarded-For to the peer address; behind a proxy the first entry is the client.
 */
export const clientAddress = (headers: Headers) =>
  headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "";
