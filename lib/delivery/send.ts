import "server-only";
import { EventEmitter } from "node:events";
import http from "node:http";
import net from "node:net";
import type { Dispatcher } from "undici";
import { toStoredBody, type StoredBody, MAX_STORED_BODY_BYTES } from "./body";
import { dispatcherFor, OutboundPolicyError } from "./dispatchers";
import { describeNetworkError, describeRequestError, formatSeconds } from "./failure-words";
import type { Allowlist } from "../config/host-allowlist";
import { checkAddress, hostOf } from "./outbound-policy";
import type { HeaderPair } from "../webhooks/headers";
import { isHeaderPairList } from "../http/header-pair";
import { typedUrlProblem } from "../http/typed-url";

export const USER_AGENT = "registry-webhooks/0.1";

export type OutgoingRequest = {
  uri: string;
  customHeaders: readonly HeaderPair[];
  body: string;
  /** The body's type (its payload format's, ./payload-bodies.ts); application/json when not given. */
  contentType?: string;
  timeoutMs: number;
  /** Restricted addresses (loopback, private, ...) allowed for this request. */
  allowlist: Allowlist;
};

export type DeliveryResult = {
  request: { method: "POST"; uri: string; headers: HeaderPair[]; body: StoredBody };
  response: { status: number; reason: string; headers: HeaderPair[]; body: StoredBody } | null;
  /** Why no response arrived, in words; null when one did. */
  error: string | null;
  /** True when the outbound policy refused the destination: retrying cannot help. */
  isBlocked: boolean;
  durationMs: number;
};

/** The headers actually sent: ours first, then the admin's, which may replace Content-Type. */
export const buildRequestHeaders = (customHeaders: readonly HeaderPair[], contentType = "application/json"): HeaderPair[] => {
  const setsContentType = customHeaders.some(([name]) => name.toLowerCase() === "content-type");
  const setsUserAgent = customHeaders.some(([name]) => name.toLowerCase() === "user-agent");
  return [
    ...(setsContentType ? [] : [["Content-Type", contentType] as HeaderPair]),
    ...(setsUserAgent ? [] : [["User-Agent", USER_AGENT] as HeaderPair]),
    ...customHeaders,
  ];
};

/**
 * The header lines to send, as node:http sent them: each name and value checked by Node's own
 * rules (so a refusal reads as it always did), a repeated name replacing the earlier value,
 * and user:pass@ in the URI sent as Basic credentials unless an Authorization header is set.
 */
const wireHeaders = (url: URL, headers: HeaderPair[], bodyLength: number): string[] => {
  const lines = new Map<string, HeaderPair>([["content-length", ["Content-Length", String(bodyLength)]]]);
  for (const [name, value] of headers) {
    http.validateHeaderName(name);
    http.validateHeaderValue(name, value);
    lines.set(name.toLowerCase(), [name, value]);
  }
  if ((url.username || url.password) && !lines.has("authorization")) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    lines.set("authorization", ["Authorization", `Basic ${Buffer.from(credentials).toString("base64")}`]);
  }
  return [...lines.values()].flat();
};

const pairsOf = (rawHeaders: string[]): HeaderPair[] => {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
  return pairs;
};

/** Everything an attempt ends with, apart from what was sent and how long it took. */
type Outcome = { response: DeliveryResult["response"]; error: string | null; isBlocked?: boolean };

/**
 * POSTs `body` once. Never throws: every outcome (response, refusal, timeout, a request that
 * cannot even be built) comes back as a DeliveryResult to be stored. Redirects are not
 * followed, as Standard Webhooks advises: a 3xx is just a response.
 */
export const sendWebhookRequest = (outgoing: OutgoingRequest): Promise<DeliveryResult> => {
  const bodyBytes = Buffer.from(outgoing.body, "utf8");
  const request = { method: "POST" as const, uri: outgoing.uri, headers: [] as HeaderPair[], body: toStoredBody(bodyBytes) };
  const started = performance.now();

  return new Promise((resolve) => {
    let isSettled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = ({ isBlocked = false, ...outcome }: Outcome) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      resolve({ request, ...outcome, isBlocked, durationMs: Math.round(performance.now() - started) });
    };
    try {
      // Rows written by hand or before input was checked: refused here, in words, never thrown.
      const unsendable = unsendableReason(outgoing);
      if (unsendable) return finish({ response: null, error: `Not sent: ${unsendable}` });
      request.headers = buildRequestHeaders(outgoing.customHeaders, outgoing.contentType);
      timer = startRequest(outgoing, request.headers, bodyBytes, finish);
    } catch (error) {
      // Some requests are refused before a byte is sent (a header value outside Latin-1, an
      // address that cannot be parsed): that is this attempt's outcome, not an exception to retry.
      finish({ response: null, error: describeRequestError(error) });
    }
  });
};

/**
 * Why a stored webhook cannot be sent as it is, or null: custom headers that are not name/value
 * pairs, or a service URI the URL parser would change unseen (a line break it drops, a "\\" it
 * reads as "/"), so the request would not go to the address stored and shown.
 */
const unsendableReason = (outgoing: OutgoingRequest): string | null => {
  if (!isHeaderPairList(outgoing.customHeaders)) return "the custom headers stored for this webhook are not a list of names and values; save them again";
  return typedUrlProblem(outgoing.uri, "The service URI");
};

// undici's refusals of a request it will not build (a header it reserves, such as Upgrade).
const REFUSED_BEFORE_SENDING = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED"]);
// undici's own deadlines; ours (timeoutMs) normally comes first, and reads the same if not.
const TIMEOUTS = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Starts the request; returns its timeout timer (none when refused before connecting). */
const startRequest = (
  outgoing: OutgoingRequest,
  headers: HeaderPair[],
  bodyBytes: Buffer,
  finish: (outcome: Outcome) => void,
): NodeJS.Timeout | undefined => {
  const block = (reason: string) => finish({ response: null, error: `Blocked by outbound policy: ${reason}`, isBlocked: true });
  const timedOut = () => finish({ response: null, error: `Timed out after ${formatSeconds(outgoing.timeoutMs)}` });
  const url = new URL(outgoing.uri);
  // An IP literal is connected to without a lookup, so check it here.
  const host = hostOf(url);
  if (net.isIP(host)) {
    const verdict = checkAddress(host, host, outgoing.allowlist);
    if (!verdict.isAllowed) return void block(verdict.reason);
  }
  // undici takes an EventEmitter as its abort signal: building an AbortController (an
  // EventTarget) for every request was 3 % of a delivery thread's time in the burst benchmark.
  const aborter = new EventEmitter();
  let isAborted = false;
  dispatcherFor(outgoing.allowlist)
    .request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      headers: wireHeaders(url, headers, bodyBytes.length),
      body: bodyBytes,
      responseHeaders: "raw",
      signal: aborter,
    })
    .then((res) => readResponse(res, finish))
    .catch((error: unknown) => {
      // Our own timer aborted it, and has already said so.
      if (isAborted) return;
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (error instanceof OutboundPolicyError) block(error.message);
      else if (TIMEOUTS.has(code)) timedOut();
      else if (REFUSED_BEFORE_SENDING.has(code)) finish({ response: null, error: describeRequestError(error) });
      else finish({ response: null, error: describeNetworkError(error) });
    });
  return setTimeout(() => {
    timedOut();
    isAborted = true;
    aborter.emit("abort");
  }, outgoing.timeoutMs);
};

/** Reads the answer, keeping at most the storage limit of its body. */
const readResponse = (res: Dispatcher.ResponseData, finish: (outcome: Outcome) => void) => {
  const chunks: Buffer[] = [];
  let storedBytes = 0;
  let wasCut = false;
  const complete = () =>
    finish({
      response: {
        status: res.statusCode,
        reason: res.statusText || http.STATUS_CODES[res.statusCode] || "",
        // responseHeaders: "raw" gives [name, value, ...] in the order received.
        headers: pairsOf(res.headers as unknown as string[]),
        body: toStoredBody(Buffer.concat(chunks), wasCut),
      },
      error: null,
    });
  res.body.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    storedBytes += chunk.length;
    // Past the storage limit the rest is of no use: stop reading rather than wait for it.
    if (storedBytes > MAX_STORED_BODY_BYTES) {
      wasCut = true;
      complete();
      res.body.destroy();
    }
  });
  res.body.on("end", complete);
  // A receiver that sends its status then drops the connection still gave us an answer.
  res.body.on("error", complete);
};
