// Turns a network error (Node.js's, or undici's own) into the plain words the events table shows.

export const formatSeconds = (ms: number): string => {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
};

const MESSAGES: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset by the receiver",
  EPIPE: "Connection closed by the receiver",
  ENOTFOUND: "Host not found",
  EAI_AGAIN: "Host name lookup failed",
  EHOSTUNREACH: "Host unreachable",
  ENETUNREACH: "Network unreachable",
  EADDRNOTAVAIL: "Address not available",
  HPE_INVALID_CONSTANT: "The receiver did not answer with valid HTTP",
  // undici: response headers over its limit (node:http said HPE_HEADER_OVERFLOW).
  UND_ERR_HEADERS_OVERFLOW: "The receiver did not answer with valid HTTP",
};

/** undici's socket errors, in node:http's words: a close before the answer was a "socket hang up" (ECONNRESET). */
const socketErrorWords = (message: string) =>
  message.startsWith("bad ") ? "The receiver did not answer with valid HTTP" : MESSAGES.ECONNRESET;

/** The error's code when it is a string (a DOMException's is a number). */
const codeOf = (error: unknown): string | undefined => {
  const code: unknown = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
};

export const describeNetworkError = (error: unknown): string => {
  const code = codeOf(error);
  if (code && MESSAGES[code]) return MESSAGES[code];
  if (code === "UND_ERR_SOCKET") return socketErrorWords((error as Error).message);
  // A wrapper without a code of its own: its cause says what went wrong.
  const cause = (error as Error | undefined)?.cause;
  if (!code && codeOf(cause)) return describeNetworkError(cause);
  if (code?.startsWith("HPE_")) return "The receiver did not answer with valid HTTP";
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT") {
    return `TLS error: ${(error as Error).message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return code ? `Request failed (${code}): ${message}` : `Request failed: ${message}`;
};

/**
 * Why Node refused to build a request at all (nothing was sent). Such a request fails the
 * same way on every attempt, but it is recorded and retried like any failure, so the admin
 * sees the reason on the event and the retries end.
 */
export const describeRequestError = (error: unknown): string => {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  // Node names the header in brackets: 'Invalid character in header content ["X-Emoji"]'.
  const header = /\["([^"]*)"\]/.exec(message)?.[1];
  const theHeader = header === undefined ? "a custom header" : `the header "${header}"`;
  if (code === "ERR_INVALID_CHAR") return `Not sent: ${theHeader} has a value HTTP does not allow (only printable ASCII, spaces and tabs)`;
  if (code === "ERR_INVALID_HTTP_TOKEN") return `Not sent: ${theHeader} has a name HTTP does not allow`;
  if (code === "ERR_INVALID_URL") return "Not sent: the service URI is not a valid address";
  return `Not sent: the request could not be built (${code ? `${code}: ` : ""}${message})`;
};
