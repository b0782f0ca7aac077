/** What is kept of a Cookie header: a browser visiting a receiver must not leave its session here. */
export const REDACTED_COOKIE = "(redacted: a test receiver never keeps cookies)";

/**
 * The headers as received, in order, with Cookie redacted: the receiver lives on the portal's
 * own origin, so a signed-in user who opened its URL would otherwise leave their session
 * cookie where every Contributor can read it.
 */
export const recordedHeaders = (headers: Headers): [string, string][] =>
  [...headers.entries()].map(([name, value]) => [name, name.toLowerCase() === "cookie" ? REDACTED_COOKIE : value]);
