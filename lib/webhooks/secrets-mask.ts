import type { HeaderPair } from "./headers";

// Service URIs and custom headers often carry credentials (a token in the query, user:pass@,
// an Authorization header). Like ACR, the portal treats them as write-only: pages and logged
// requests show "******" in their place, and "Show callback config" reveals them on purpose.

export const MASK = "******";

/** The request headers the portal itself sets: their values are not secrets. */
const PORTAL_HEADERS = new Set(["content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature"]);

/** The URI with user-info and every query value replaced by the mask (query keys stay readable). */
export const maskUri = (uri: string): string => {
  if (!URL.canParse(uri)) return MASK;
  const url = new URL(uri);
  if (url.username) url.username = MASK;
  if (url.password) url.password = MASK;
  if (url.search) url.search = new URLSearchParams([...url.searchParams.keys()].map((key) => [key, MASK])).toString();
  return url.toString();
};

export const maskHeaderValues = (headers: readonly HeaderPair[]): HeaderPair[] =>
  headers.map(([name]) => [name, MASK]);

/** Logged request headers: the admin's values masked, the portal's own left as sent. */
export const maskRequestHeaders = (headers: readonly HeaderPair[]): HeaderPair[] =>
  headers.map(([name, value]) => [name, PORTAL_HEADERS.has(name.toLowerCase()) ? value : MASK]);

/** Configure submits the masked form back: a value left masked means "keep the stored one". */
export const keepMaskedUri = (submitted: string, stored: string) => (submitted === maskUri(stored) ? stored : submitted);

export const keepMaskedHeaders = (submitted: readonly HeaderPair[], stored: readonly HeaderPair[]): HeaderPair[] =>
  submitted.map(([name, value]) => {
    if (value !== MASK) return [name, value];
    const kept = stored.find(([storedName]) => storedName.toLowerCase() === name.toLowerCase());
    return [name, kept ? kept[1] : value];
  });
