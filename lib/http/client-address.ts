/**
 * Where a request came from, for the audit log and the sign-in limiter: the first
 * X-Forwarded-For entry. `next start` fills that header with the peer address only when the
 * request has none, so without a proxy in front a client can name any address; put the portal
 * behind a proxy that overwrites X-Forwarded-For to make it trustworthy (README, "Sign-in").
 */
export const clientAddress = (headers: Headers) =>
  headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "";
