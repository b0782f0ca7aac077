import "server-only";
import dns from "node:dns";
import http from "node:http";
import net from "node:net";
import https from "node:https";
import { toStoredBody, type StoredBody, MAX_STORED_BODY_BYTES } from "./body";
import { describeNetworkError, describeRequestError, formatSeconds } from "./failure-words";
import type { Allowlist } from "../config/host-allowlist";
import { checkAddress, checkResolved, hostOf } from "./outbound-policy";
import type { HeaderPair } from "../webhooks/headers";

export const USER_AGENT = "registry-webhooks/0.1";

// Reused connections: a burst of thousands of deliveries to one receiver must not open (and
// leave in TIME_WAIT) a new TCP connection per request.
const agentOptions = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64 };
const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

export type OutgoingRequest = {
  uri: string;
  customHeaders: readonly HeaderPair[];
  body: string;
  timeoutMs: number;
  /** Restricted addresses (loopback, private, ...) allowed for this request. */
  allowlist: Allowlist;
};

class OutboundPolicyError extends Error {}

/**
 * A DNS lookup that refuses restricted addresses. It runs inside the connection itself, so
 * the address checked is the address connected to: no gap for DNS rebinding.
 */
const guardedLookup =
  (allowlist: Allowlist): net.LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return (callback as (error: Error) => void)(error);
      const { allowed, refusal } = checkResolved(addresses, hostname, allowlist);
      if (refusal) return (callback as (error: Error) => void)(new OutboundPolicyError(refusal));
      if (options.all) return (callback as (error: null, addresses: dns.LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
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
export const buildRequestHeaders = (customHeaders: readonly HeaderPair[]): HeaderPair[] => {
  const setsContentType = customHeaders.some(([name]) => name.toLowerCase() === "content-type");
  const setsUserAgent = customHeaders.some(([name]) => name.toLowerCase() === "user-agent");
  return [
    ...(setsContentType ? [] : [["Content-Type", "application/json"] as HeaderPair]),
    ...(setsUserAgent ? [] : [["User-Agent", USER_AGENT] as HeaderPair]),
    ...customHeaders,
  ];
};

const pairsOf = (rawHeaders: string[]): HeaderPair[] => {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
  return pairs;
};

/** Everything an attempt ends with, apart from what was sent and how long it took. */
type Outcome = { response: DeliveryResult["response"]; error: string | null; isBlocked?: boolean };

/**
 * POSTs `body` once. Never throws: every outcome (response, refusal, timeout, a request Node
 * will not even build) comes back as a DeliveryResult to be stored. Redirects are not
 * followed, as Standard Webhooks advises: a 3xx is just a response.
 */
export const sendWebhookRequest = (outgoing: OutgoingRequest): Promise<DeliveryResult> => {
  const headers = buildRequestHeaders(outgoing.customHeaders);
  const bodyBytes = Buffer.from(outgoing.body, "utf8");
  const request = { method: "POST" as const, uri: outgoing.uri, headers, body: toStoredBody(bodyBytes) };
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
      timer = startRequest(outgoing, headers, bodyBytes, finish);
    } catch (error) {
      // Node refuses some requests before sending a byte (a header value outside Latin-1, an
      // address it cannot parse): that is this attempt's outcome, not an exception to retry.
      finish({ response: null, error: describeRequestError(error) });
    }
  });
};

/** Starts the request; returns its timeout timer (none when refused before connecting). */
const startRequest = (
  outgoing: OutgoingRequest,
  headers: HeaderPair[],
  bodyBytes: Buffer,
  finish: (outcome: Outcome) => void,
): NodeJS.Timeout | undefined => {
  const block = (reason: string) => finish({ response: null, error: `Blocked by outbound policy: ${reason}`, isBlocked: true });
  const url = new URL(outgoing.uri);
  // An IP literal is connected to without a lookup, so check it here.
  const host = hostOf(url);
  if (net.isIP(host)) {
    const verdict = checkAddress(host, host, outgoing.allowlist);
    if (!verdict.isAllowed) return void block(verdict.reason);
  }
  const isHttps = url.protocol === "https:";
  const transport = isHttps ? https : http;
  const outgoingHeaders: http.OutgoingHttpHeaders = { "Content-Length": bodyBytes.length };
  for (const [name, value] of headers) outgoingHeaders[name] = value;

  const req = transport.request(url, {
    method: "POST",
    headers: outgoingHeaders,
    agent: agents[isHttps ? "https:" : "http:"],
    lookup: guardedLookup(outgoing.allowlist),
  });
  req.on("error", (error) =>
    error instanceof OutboundPolicyError ? block(error.message) : finish({ response: null, error: describeNetworkError(error) }),
  );
  req.on("response", (res) => {
    const chunks: Buffer[] = [];
    let storedBytes = 0;
    let wasCut = false;
    const complete = () =>
      finish({
        response: {
          status: res.statusCode ?? 0,
          reason: res.statusMessage || http.STATUS_CODES[res.statusCode ?? 0] || "",
          headers: pairsOf(res.rawHeaders),
          body: toStoredBody(Buffer.concat(chunks), wasCut),
        },
        error: null,
      });
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      storedBytes += chunk.length;
      // Past the storage limit the rest is of no use: stop reading rather than wait for it.
      if (storedBytes > MAX_STORED_BODY_BYTES) {
        wasCut = true;
        complete();
        res.destroy();
      }
    });
    res.on("end", complete);
    // A receiver that sends its status then drops the connection still gave us an answer.
    res.on("error", complete);
  });
  req.end(bodyBytes);
  return setTimeout(() => {
    finish({ response: null, error: `Timed out after ${formatSeconds(outgoing.timeoutMs)}` });
    req.destroy();
  }, outgoing.timeoutMs);
};
