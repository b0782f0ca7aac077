// Test helper (not a test itself): a real node:http server on 127.0.0.1, ephemeral port,
// answering canned ARM JSON and recording every request, so tests exercise real fetch.
import http from "node:http";

/**
 * @typedef {object} Recorded
 * @property {string} method
 * @property {string} path request target, e.g. /api/registries/r/webhooks?x=1
 * @property {import("node:http").IncomingHttpHeaders} headers lower-cased names
 * @property {string} raw body text, "" when none
 * @property {any} body parsed JSON body, undefined when empty or not JSON
 */

/**
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string>, hang?: boolean }} Reply
 * body: an object is sent as JSON, a string as text/plain; hang: never answer.
 */

/**
 * @param {Record<string, Reply | ((req: Recorded, url: string) => Reply)> | ((req: Recorded, url: string) => Reply)} routes
 *   either a function, or a map from "METHOD /path" (path with query) to a reply or reply function
 * @returns {Promise<{ url: string, requests: Recorded[], close: () => Promise<void> }>}
 */
export async function startServer(routes) {
  /** @type {Recorded[]} */
  const requests = [];
  let url = "";
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      let body;
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const record = { method: String(req.method), path: String(req.url), headers: req.headers, raw, body };
      requests.push(record);
      const route = typeof routes === "function" ? routes : routes[`${record.method} ${record.path}`];
      const reply = typeof route === "function" ? route(record, url) : route ?? noRoute(record);
      if (reply.hang) return;
      const isText = typeof reply.body === "string";
      const text = reply.body === undefined ? "" : isText ? String(reply.body) : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(reply.body === undefined ? {} : { "content-type": isText ? "text/plain" : "application/json" }),
        ...reply.headers,
      });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // hanging replies would otherwise keep close() waiting
        server.close(() => resolve());
      }),
  };
}

/** @param {Recorded} req @returns {Reply} */
function noRoute(req) {
  return { status: 404, body: { error: { code: "NotFound", message: `no canned reply for ${req.method} ${req.path}` } } };
}

/**
 * A Webhook as the API returns it.
 * @param {string} name
 * @param {Partial<{ status: string, scope: string, actions: string[] }>} [properties]
 */
export function webhook(name, properties = {}) {
  return {
    id: `/registries/reg/webhooks/${name}`,
    name,
    type: "Microsoft.ContainerRegistry/registries/webhooks",
    properties: { status: "enabled", scope: "", actions: ["push"], provisioningState: "Succeeded", ...properties },
  };
}

/**
 * An Event as listEvents returns it.
 * @param {string} id
 * @param {string} action
 * @param {Record<string, string>} target
 * @param {string} statusCode "" when the receiver never answered
 */
export function event(id, action, target, statusCode = "200") {
  return {
    id,
    eventRequestMessage: {
      content: { id, timestamp: "2024-05-01T10:00:00Z", action, target },
      headers: { "Content-Type": "application/json" },
      method: "POST",
      requestUri: "https://hooks.example/in",
      version: "1.1",
    },
    eventResponseMessage: { content: "", headers: {}, reasonPhrase: statusCode ? "OK" : "", statusCode, version: "1.1" },
  };
}

/**
 * A per-test server, closed after each test: call in a test file's top level to get `serve`.
 * @param {(fn: () => Promise<void>) => void} afterEach vitest's afterEach
 */
export function serverPerTest(afterEach) {
  /** @type {(() => Promise<void>)[]} */
  let cleanups = [];
  afterEach(async () => {
    await Promise.all(cleanups.map((close) => close()));
    cleanups = [];
  });
  /** @param {Parameters<typeof startServer>[0]} routes */
  return async function serve(routes) {
    const server = await startServer(routes);
    cleanups.push(server.close);
    return server;
  };
}
