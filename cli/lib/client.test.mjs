import { describe, it, expect, afterEach } from "vitest";
import { createClient, webhooksPath } from "./client.mjs";
import { CliError, EXIT } from "./errors.mjs";
import { event, serverPerTest, startServer, webhook } from "./test-server.mjs";

const BASE = "/api/registries/reg/webhooks";

const serve = serverPerTest(afterEach);

/** @param {Promise<unknown>} promise @returns {Promise<CliError>} */
async function rejection(promise) {
  const error = await promise.then(
    () => undefined,
    (err) => err,
  );
  expect(error).toBeInstanceOf(CliError);
  return error;
}

describe("webhooksPath", () => {
  it.each([
    [["reg"], "/api/registries/reg/webhooks"],
    [["reg", "hook"], "/api/registries/reg/webhooks/hook"],
    [["reg", "hook", "ping"], "/api/registries/reg/webhooks/hook/ping"],
    [["my reg", "a/b?c#d"], "/api/registries/my%20reg/webhooks/a%2Fb%3Fc%23d"],
  ])("%j → %s", (args, path) => {
    expect(webhooksPath(.../** @type {[string, string?, string?]} */ (args))).toBe(path);
  });
});

describe("client against a real HTTP server", () => {
  /**
   * Each API call: the request it must send and the canned reply.
   * @type {{ name: string, call: (c: import("./client.mjs").Client) => Promise<unknown>, method: string, path: string,
   *   body: unknown, reply: unknown, result: unknown }[]}
   */
  const calls = [
    { name: "list", call: (c) => c.list("reg"), method: "GET", path: BASE, body: undefined,
      reply: { value: [webhook("a")] }, result: [webhook("a")] },
    { name: "get", call: (c) => c.get("reg", "hook"), method: "GET", path: `${BASE}/hook`, body: undefined,
      reply: webhook("hook"), result: webhook("hook") },
    { name: "put", call: (c) => c.put("reg", "hook", { serviceUri: "https://h/in", actions: ["push"] }), method: "PUT",
      path: `${BASE}/hook`, body: { properties: { serviceUri: "https://h/in", actions: ["push"] } },
      reply: webhook("hook"), result: webhook("hook") },
    { name: "patch", call: (c) => c.patch("reg", "hook", { status: "disabled" }), method: "PATCH", path: `${BASE}/hook`,
      body: { properties: { status: "disabled" } }, reply: webhook("hook", { status: "disabled" }),
      result: webhook("hook", { status: "disabled" }) },
    { name: "remove", call: (c) => c.remove("reg", "hook"), method: "DELETE", path: `${BASE}/hook`, body: undefined,
      reply: undefined, result: 200 },
    { name: "ping", call: (c) => c.ping("reg", "hook"), method: "POST", path: `${BASE}/hook/ping`, body: undefined,
      reply: { id: "evt-1" }, result: { id: "evt-1" } },
    { name: "getCallbackConfig", call: (c) => c.getCallbackConfig("reg", "hook"), method: "POST",
      path: `${BASE}/hook/getCallbackConfig`, body: undefined,
      reply: { serviceUri: "https://h/in", customHeaders: { a: "1" } }, result: { serviceUri: "https://h/in", customHeaders: { a: "1" } } },
    { name: "listEvents", call: (c) => c.listEvents("reg", "hook"), method: "POST", path: `${BASE}/hook/listEvents`,
      body: undefined, reply: { value: [event("e1", "ping", {})] }, result: [event("e1", "ping", {})] },
  ];

  it.each(calls)("$name sends $method with bearer token, Accept and (only with a body) Content-Type", async (c) => {
    const server = await serve(() => ({ status: 200, body: c.reply }));
    const client = createClient({ url: `${server.url}/`, token: "s3cret" }); // trailing slash is stripped
    expect(await c.call(client)).toEqual(c.result);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.method).toBe(c.method);
    expect(req.path).toBe(c.path);
    expect(req.headers.authorization).toBe("Bearer s3cret");
    expect(req.headers.accept).toBe("application/json");
    expect(req.headers["content-type"]).toBe(c.body === undefined ? undefined : "application/json");
    expect(req.body).toEqual(c.body);
    if (c.body === undefined) expect(req.raw).toBe("");
  });

  it("remove reports 204 when the webhook was already absent", async () => {
    const server = await serve({ [`DELETE ${BASE}/gone`]: { status: 204 } });
    expect(await createClient({ url: server.url, token: "t" }).remove("reg", "gone")).toBe(204);
  });

  it("keeps a path prefix in the server URL", async () => {
    const server = await serve(() => ({ status: 200, body: { value: [] } }));
    await createClient({ url: `${server.url}/portal//`, token: "t" }).list("reg");
    expect(server.requests[0].path).toBe(`/portal${BASE}`);
  });

  it("maps an ARM error to its exit code", async () => {
    const server = await serve({}); // every route answers an ARM 404
    const error = await rejection(createClient({ url: server.url, token: "t" }).get("reg", "nope"));
    expect(error.exitCode).toBe(EXIT.NOT_FOUND);
    expect(error.message).toBe(`no canned reply for GET ${BASE}/nope`);
  });

  /** @type {[string, object, (c: import("./client.mjs").Client) => Promise<unknown>, RegExp][]} */
  const malformed = [
    ["a non-JSON 200", { status: 200, body: "<html>login</html>" }, (c) => c.get("reg", "h"), /HTTP 200 but not JSON/],
    ["a list without value", { status: 200, body: { items: [] } }, (c) => c.list("reg"), /"value" list/],
    ["a value that is not a list", { status: 200, body: { value: {} } }, (c) => c.listEvents("reg", "h"), /"value" list/],
    ["an empty 200 where a webhook is due", { status: 200 }, (c) => c.get("reg", "h"), /expected a webhook/],
    ["a JSON array where an object is due", { status: 200, body: [] }, (c) => c.ping("reg", "h"), /expected an event id/],
  ];
  it.each(malformed)("fails with exit 1 on %s", async (_, reply, call, message) => {
    const server = await serve(() => /** @type {any} */ (reply));
    const error = await rejection(call(createClient({ url: server.url, token: "t" })));
    expect(error.exitCode).toBe(EXIT.ERROR);
    expect(error.message).toMatch(message);
  });

  it("reports an unreachable server with exit 6 and the URL", async () => {
    const server = await startServer({});
    await server.close(); // the port is now closed: connection refused
    const error = await rejection(createClient({ url: server.url, token: "t" }).list("reg"));
    expect(error.exitCode).toBe(EXIT.UNREACHABLE);
    expect(error.message).toMatch(new RegExp(`^cannot reach ${server.url}: .*ECONNREFUSED`));
  });

  it("gives up on a server that never answers", async () => {
    const server = await serve(() => ({ status: 200, hang: true }));
    const error = await rejection(createClient({ url: server.url, token: "t", timeoutMs: 100 }).list("reg"));
    expect(error.exitCode).toBe(EXIT.UNREACHABLE);
    expect(error.message).toBe(`cannot reach ${server.url}: timed out`);
  });
});

describe("listEvents paging", () => {
  const EVENTS = `${BASE}/hook/listEvents`;
  /** Pages of two, two and one events; nextLink is absolute, as the API returns it. */
  /** @type {(url: string) => Record<string, import("./test-server.mjs").Reply>} */
  const pages = (url) => ({
    [`POST ${EVENTS}`]: { status: 200, body: { value: [event("e1", "push", {}), event("e2", "push", {})], nextLink: `${url}${EVENTS}?skip=2` } },
    [`POST ${EVENTS}?skip=2`]: { status: 200, body: { value: [event("e3", "push", {}), event("e4", "push", {})], nextLink: `${url}${EVENTS}?skip=4` } },
    [`POST ${EVENTS}?skip=4`]: { status: 200, body: { value: [event("e5", "push", {})] } },
  });
  it.each([
    [undefined, ["e1", "e2", "e3", "e4", "e5"], 3],
    [1, ["e1"], 1],
    [2, ["e1", "e2"], 1],
    [3, ["e1", "e2", "e3"], 2],
    [5, ["e1", "e2", "e3", "e4", "e5"], 3],
    [50, ["e1", "e2", "e3", "e4", "e5"], 3],
  ])("--top %s → %j in %i requests", async (top, ids, requestCount) => {
    const server = await serve((req, url) => pages(url)[`${req.method} ${req.path}`] ?? { status: 500, body: "unexpected" });
    const events = await createClient({ url: server.url, token: "tok" }).listEvents("reg", "hook", top);
    expect(events.map((e) => e.id)).toEqual(ids);
    expect(server.requests).toHaveLength(requestCount);
    for (const req of server.requests) {
      expect(req.method).toBe("POST");
      expect(req.headers.authorization).toBe("Bearer tok");
      expect(req.headers.accept).toBe("application/json");
    }
  });

  it("refuses a nextLink on another origin, so the token stays with the server", async () => {
    const other = await serve(() => ({ status: 200, body: { value: [] } }));
    const server = await serve(() => ({ status: 200, body: { value: [event("e1", "push", {})], nextLink: `${other.url}/steal` } }));
    const error = await rejection(createClient({ url: server.url, token: "t" }).listEvents("reg", "hook"));
    expect(error.exitCode).toBe(EXIT.ERROR);
    expect(error.message).toMatch(/^refusing to follow nextLink to http:\/\/127\.0\.0\.1:\d+/);
    expect(other.requests).toHaveLength(0);
  });

  it("stops when a nextLink loops back", async () => {
    const server = await serve((req, url) => ({ status: 200, body: { value: [], nextLink: `${url}${EVENTS}` } }));
    const error = await rejection(createClient({ url: server.url, token: "t" }).listEvents("reg", "hook"));
    expect(error.message).toMatch(/already read/);
    expect(server.requests).toHaveLength(1);
  });

  it("maps an error on a later page like any other", async () => {
    const server = await serve((req, url) =>
      req.path === EVENTS
        ? { status: 200, body: { value: [event("e1", "push", {})], nextLink: `${url}${EVENTS}?skip=1` } }
        : { status: 429, body: { error: { code: "TooManyRequests", message: "Slow down." } } },
    );
    const error = await rejection(createClient({ url: server.url, token: "t" }).listEvents("reg", "hook"));
    expect(error.lines()).toEqual(["error: HTTP 429 TooManyRequests: Slow down."]);
  });
});

describe("list paging", () => {
  it("follows nextLink ($skipToken) until the last page, with the token on every page", async () => {
    const server = await serve((req, url) => {
      if (req.path === BASE) return { status: 200, body: { value: [webhook("hook1"), webhook("hook2")], nextLink: `${url}${BASE}?%24skipToken=azpob29rMg` } };
      if (req.path === `${BASE}?%24skipToken=azpob29rMg`) return { status: 200, body: { value: [webhook("hook3")] } };
      return { status: 500, body: "unexpected" };
    });
    const webhooks = await createClient({ url: server.url, token: "tok" }).list("reg");
    expect(webhooks.map((w) => w.name)).toEqual(["hook1", "hook2", "hook3"]);
    expect(server.requests.map((req) => [req.method, req.path, req.headers.authorization])).toEqual([
      ["GET", BASE, "Bearer tok"],
      ["GET", `${BASE}?%24skipToken=azpob29rMg`, "Bearer tok"],
    ]);
  });

  it("refuses a nextLink on another origin", async () => {
    const other = await serve(() => ({ status: 200, body: { value: [] } }));
    const server = await serve(() => ({ status: 200, body: { value: [webhook("hook1")], nextLink: `${other.url}/steal` } }));
    const error = await rejection(createClient({ url: server.url, token: "t" }).list("reg"));
    expect(error.message).toMatch(/^refusing to follow nextLink/);
    expect(other.requests).toHaveLength(0);
  });
});
