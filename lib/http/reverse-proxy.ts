import http, { type IncomingMessage, type ServerResponse } from "node:http";

// Passes a request on to another HTTP server on this machine and its answer back, as a plain
// reverse proxy does: the portal's listener (lib/registry/notifications-listener.ts) hands every
// request that is not a registry's notification to Next.js, which listens on loopback only
// (scripts/serve.mjs). The request keeps its Host; the X-Forwarded-* headers are filled only
// where the request has none, as `next start` fills them, so the pages see what they saw
// without the listener in front (lib/http/client-address.ts says what that means for trust).

/** Connection-level headers: they describe one hop, not the request (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "expect"]);

/** The headers to pass on: all but the hop-by-hop ones and those the Connection header names. */
const endToEnd = (rawHeaders: string[], connection: string | string[] | undefined) => {
  const named = new Set(
    String(connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name)) kept.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return kept;
};

/** X-Forwarded-For, -Host, -Port and -Proto, each only where the request has none. */
const withForwarded = (request: IncomingMessage, headers: string[], listeningPort: number) => {
  const has = (name: string) => request.headers[name] !== undefined;
  const added: [string, string][] = [
    ["x-forwarded-for", request.socket.remoteAddress ?? ""],
    ["x-forwarded-host", request.headers.host ?? ""],
    ["x-forwarded-port", String(listeningPort)],
    ["x-forwarded-proto", "http"],
  ];
  return [...headers, ...added.filter(([name, value]) => value !== "" && !has(name)).flat()];
};

const refuse = (response: ServerResponse, message: string) => {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(502, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
  response.end(message);
};

export type Upstream = { host: string; port: number };

/**
 * A request handler that proxies to `upstream` over `agent` (keep-alive: one connection per
 * request in flight, reused). Aborts the upstream request when the client goes away, and answers
 * 502 with the reason when the upstream cannot be reached.
 */
export const reverseProxy = (upstream: Upstream, agent: http.Agent, listeningPort: () => number) => (request: IncomingMessage, response: ServerResponse) => {
  const outgoing = http.request({
    host: upstream.host,
    port: upstream.port,
    method: request.method,
    path: request.url,
    agent,
    headers: withForwarded(request, endToEnd(request.rawHeaders, request.headers.connection), listeningPort()),
  });
  outgoing.on("response", (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders, answer.headers.connection));
    answer.pipe(response);
    answer.on("error", () => response.destroy());
  });
  outgoing.on("error", (error) => refuse(response, `The portal's page server did not answer (${error.message}).`));
  // The client went away first: stop the page being rendered for nobody.
  response.on("close", () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  request.on("error", () => outgoing.destroy());
  request.pipe(outgoing);
};
