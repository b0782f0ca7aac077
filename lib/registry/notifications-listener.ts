import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { reverseProxy, type Upstream } from "../http/reverse-proxy";
import securityHeaders from "../security/security-headers";
import { answerEnvelope, SenderGone, type EnvelopeAnswer } from "./envelope-request";
import type { EnvelopeOutcome, IngestTarget } from "./ingest";

// The portal's own port, served from the ingest thread (lib/registry/ingest-thread.ts) when
// `npm run serve` starts the server (scripts/serve.mjs). A registry's notification (POST
// /api/registries/<name>/notifications) is read, checked and stored right here; every other
// request is passed to Next.js on loopback (lib/http/reverse-proxy.ts). Why: Next.js renders
// every page on the main thread, one render at a time, and an envelope that arrived during a
// render waited for it (80-130 ms under load) before it was even read. Here it waits only for
// other envelopes.

export const NOTIFICATIONS_PATH = /^\/api\/registries\/([^/?#]+)\/notifications(?:\?.*)?$/;


/** The registry's name when `request` is a notification this listener answers itself; null to pass it on. */
export const notificationFor = (request: Pick<IncomingMessage, "method" | "url">) => {
  if (request.method !== "POST") return null; // Next.js answers the others 405 with what to send.
  const match = NOTIFICATIONS_PATH.exec(request.url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null; // A malformed %-escape: Next.js's proxy (proxy.ts) explains it.
  }
};

/**
 * The body as text, or null once it passes `limit` bytes (the rest is not kept). Node's request
 * as it arrives here; lib/http/read-body.ts reads a Web Request's stream the same way for the route.
 */
const readBodyWithin = (request: IncomingMessage, limit: number) =>
  new Promise<string | null>((resolve, reject) => {
    if (Number(request.headers["content-length"] ?? "0") > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) return void chunks.push(chunk);
      request.off("data", onData);
      resolve(null);
    };
    request.on("data", onData);
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // An aborted upload ends in "error" or only in "close"; once settled, these change nothing.
    request.once("error", reject);
    request.once("close", () => !request.complete && reject(new Error("the connection closed")));
  });

const send = (response: ServerResponse, { status, body, headers }: EnvelopeAnswer, closeAfter = false) => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...securityHeaders,
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    // A body left unread is not drained: the connection ends with the answer.
    ...(closeAfter ? { Connection: "close" } : {}),
  });
  response.end(text);
};

type Settings = {
  upstream: Upstream;
  store: (registry: IngestTarget, body: string) => Promise<EnvelopeOutcome>;
  /** Events were stored: the main thread counts them for /api/metrics. */
  onStored: (stored: NonNullable<EnvelopeAnswer["stored"]>) => void;
  /** The last envelope in hand was answered. */
  onIdle: () => void;
};

/** The listener's HTTP server (not yet listening) and how many envelopes it has in hand. */
export const createNotificationsListener = ({ upstream, store, onStored, onIdle }: Settings) => {
  // Keep-alive to Next.js: one loopback connection per request in flight, kept for the next.
  const agent = new http.Agent({ keepAlive: true });
  let port = 0;
  let inHand = 0;
  const proxy = reverseProxy(upstream, agent, () => port);

  const receive = async (registryName: string, request: IncomingMessage, response: ServerResponse) => {
    inHand += 1;
    try {
      const answer = await answerEnvelope(
        {
          registryName,
          authorization: request.headers.authorization ?? null,
          contentType: request.headers["content-type"] ?? null,
          readBody: (limit) => readBodyWithin(request, limit),
        },
        store,
      );
      // A body not received whole (refused before it was read, or too large) ends the
      // connection with the answer; one received whole leaves it for the next request.
      send(response, answer, !request.complete);
      if (answer.stored) onStored(answer.stored);
    } catch (error) {
      if (error instanceof SenderGone) return void response.destroy();
      // A bug, not a refusal: the stack goes to the log, the registry gets a 500 and sends again.
      console.error("[ingest-thread] answering a notification failed", error);
      if (!response.headersSent) send(response, { status: 500, body: { error: { code: "InternalError", message: "The server could not store this batch; nothing was acknowledged. Send the batch again." } }, headers: { "Cache-Control": "no-store" } }, true);
      else response.destroy();
    } finally {
      inHand -= 1;
      if (inHand === 0) onIdle();
    }
  };

  const server = http.createServer((request, response) => {
    const registryName = notificationFor(request);
    if (registryName === null) proxy(request, response);
    else void receive(registryName, request, response);
  });
  // Longer than a load balancer's idle reuse (60 s on most), as `next start --keepAliveTimeout 65000` had it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("listening", () => {
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  server.on("close", () => agent.destroy());

  return {
    server,
    /** Envelopes being read, checked or stored. */
    inHand: () => inHand,
  };
};
