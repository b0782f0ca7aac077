// ARM's paging for the REST lists: a page answers { value, nextLink } and nextLink carries an
// opaque $skipToken, here the key of the last item shown (a webhook's name, an event's seq)
// base64url-encoded, so the next page starts after it whatever was added or deleted meanwhile
// and costs the same however deep it is (no OFFSET, no count).

/** A page of the REST webhook list: larger than the blade's; $top up to 1,000 holds any registry (ACR Premium allows 500). */
export const WEBHOOKS_API_PAGE_SIZE = 100;
export const WEBHOOKS_API_MAX_TOP = 1000;

/** The key inside a $skipToken, readable by nobody but us; clients only pass it back. */
export const encodeSkipToken = (key: string) => Buffer.from(`k:${key}`, "utf8").toString("base64url");

/** The key from a $skipToken, or null when the token is not one we made. */
export const decodeSkipToken = (token: string): string | null => {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return null;
  const text = Buffer.from(token, "base64url").toString("utf8");
  return text.startsWith("k:") && encodeSkipToken(text.slice(2)) === token ? text.slice(2) : null;
};

export const INVALID_SKIP_TOKEN_MESSAGE = "$skipToken is not one this API gave out: follow nextLink as it is.";

/** $top: a whole number from 1 to `max`; `fallback` when absent, null when anything else. */
export const parseTop = (text: string | null, fallback: number, max: number): number | null => {
  if (text === null) return fallback;
  if (!/^[1-9][0-9]{0,6}$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
};

export const invalidTopMessage = (max: number) => `$top must be a whole number from 1 to ${max}.`;

/**
 * The nextLink of a page: `path` on `origin` (the address the client used), with `query` (the
 * request's own options, $top) and the $skipToken of `key`.
 */
export const nextLinkOf = (origin: string, path: string, query: Record<string, string>, key: string) => {
  const next = new URL(path, origin);
  for (const [name, value] of Object.entries(query)) next.searchParams.set(name, value);
  next.searchParams.set("$skipToken", encodeSkipToken(key));
  return next.href;
};
