import { randomBytes } from "node:crypto";

// A test receiver's address: /api/receivers/{id}, where the id is the only secret (anyone who
// knows it can send to the receiver), so it carries 192 random bits, base64url-encoded.

const ID_BYTES = 24;
export const RECEIVER_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;
const RECEIVER_PATH = /^\/api\/receivers\/([A-Za-z0-9_-]{32})$/;

export const newReceiverId = () => randomBytes(ID_BYTES).toString("base64url");

export const isReceiverId = (value: unknown): value is string => typeof value === "string" && RECEIVER_ID_PATTERN.test(value);

export const receiverPath = (id: string) => `/api/receivers/${id}`;

/** The receiver's URL under the portal's origin (PORTAL_URL, or what the browser used). */
export const receiverUrl = (portalOrigin: string, id: string) => `${new URL(portalOrigin).origin}${receiverPath(id)}`;

const parsed = (text: string) => {
  try {
    return new URL(text);
  } catch {
    return null;
  }
};

/**
 * Whether `uri` is one of this portal's own receivers: once both are parsed by the WHATWG URL
 * parser (the one that also builds the request, so dot segments, %2e, case, default ports and
 * IDNA are resolved the same way), the same origin as `portalUrl`, no credentials, and a path
 * that is exactly /api/receivers/<id>. A query is allowed (it cannot change the route, and the
 * receiver records it); anything else, a trailing slash or %2F included, is not a receiver.
 */
export const isOwnReceiverUrl = (uri: string, portalUrl: string | undefined): boolean => {
  if (!portalUrl) return false;
  const url = parsed(uri);
  const portal = parsed(portalUrl);
  if (!url || !portal) return false;
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username !== "" || url.password !== "" || url.hash !== "") return false;
  return url.origin === portal.origin && RECEIVER_PATH.test(url.pathname);
};
