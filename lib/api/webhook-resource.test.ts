import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// The REST handlers called in-process, as their route files call them, against a real
// migrated SQLite file, real API tokens and a real loopback receiver: no Next.js server.
// (The Playwright suite covers the same over HTTP through proxy.ts and the built routes.)

const database = temporaryDatabase("api");
process.env.SECRET_KEY = "unit-test-secret-key-0123456789";
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
process.env.WEBHOOK_TIMEOUT_MS = "2000";

// Outside Next.js there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

type Resource = typeof import("./webhook-resource");
type Db = typeof import("../db").db;
let api: Resource;
let db: Db;

const REGISTRY = "apiregistry";
const tokens = { reader: "", contributor: "" };
let receiver: http.Server;
let receiverUrl = "";
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  db = await database.open();
  api = await import("./webhook-resource");
  const { generateApiToken } = await import("../auth/api-tokens");
  const { hashToken } = await import("../security/token-hash");
  await db.registry.create({ data: { name: REGISTRY } });
  for (const role of ["reader", "contributor"] as const) {
    const user = await db.user.create({ data: { id: `user-${role}`, name: role, email: `${role}@example.test`, role } });
    tokens[role] = generateApiToken();
    await db.apiToken.create({ data: { userId: user.id, name: "t", prefix: "rwt_", tokenHash: hashToken(tokens[role]), role } });
  }
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { "Content-Type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook?token=abc`;
}, 60_000);

afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await database.close();
});

const BASE = `http://portal.example/api/registries/${REGISTRY}/webhooks`;

type Call = { method?: string; token?: string | null; body?: unknown; contentType?: string; url?: string };
const request = (suffix: string, { method = "GET", token = tokens.contributor, body, contentType = "application/json", url }: Call = {}) =>
  new Request(url ?? `${BASE}${suffix}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "Content-Type": contentType } : {}),
      "X-Forwarded-For": "203.0.113.7",
      // What a browser or proxy sends; nextLink is built from it, not from the URL the server saw.
      "X-Forwarded-Host": "portal.example",
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });

const webhookParams = (webhook: string, registry = REGISTRY) => ({ params: Promise.resolve({ registry, webhook }) });
const registryParams = (registry = REGISTRY) => ({ params: Promise.resolve({ registry }) });

const json = async (response: Response) => ({ status: response.status, body: response.status === 204 ? null : await response.json().catch(() => null) });

const put = (name: string, properties: unknown, call: Call = {}) =>
  api.putWebhookRoute(request(`/${name}`, { method: "PUT", body: { properties }, ...call }), webhookParams(name));
const patch = (name: string, properties: unknown, call: Call = {}) =>
  api.patchWebhookRoute(request(`/${name}`, { method: "PATCH", body: { properties }, ...call }), webhookParams(name));
const callbackConfig = (name: string, token = tokens.contributor) =>
  api.getCallbackConfigRoute(request(`/${name}/getCallbackConfig`, { method: "POST", token }), webhookParams(name));

describe("authorization", () => {
  it.each([
    { rule: "no token", token: null, status: 401, code: "Unauthorized" },
    { rule: "unknown token", token: "rwt_nope", status: 401, code: "Unauthorized" },
  ])("$rule -> $status", async ({ token, status, code }) => {
    const response = await json(await api.listWebhooksRoute(request("", { token }), registryParams()));
    expect(response).toMatchObject({ status, body: { error: { code } } });
  });

  it.each([
    ["PUT", () => put("readerhook", { serviceUri: "https://a.example/", actions: ["push"] }, { token: tokens.reader })],
    ["PATCH", () => patch("readerhook", {}, { token: tokens.reader })],
    ["DELETE", () => api.deleteWebhookRoute(request("/readerhook", { method: "DELETE", token: tokens.reader }), webhookParams("readerhook"))],
    ["ping", () => api.pingWebhookRoute(request("/readerhook/ping", { method: "POST", token: tokens.reader }), webhookParams("readerhook"))],
    ["getCallbackConfig", () => callbackConfig("readerhook", tokens.reader)],
  ])("Reader may not %s: 403", async (_, call) => {
    expect(await json(await call())).toMatchObject({ status: 403, body: { error: { code: "Forbidden" } } });
  });
});

describe("create, read, replace, update, reveal, delete", () => {
  const name = "apihook1";

  it("PUT creates (201) without echoing secrets, stores them encrypted, audits with the caller's address", async () => {
    const response = await json(
      await put(name, {
        serviceUri: receiverUrl,
        customHeaders: { Authorization: "Bearer s3cret", "X-Team": "a" },
        actions: ["delete", "push"],
        scope: "hello:*",
        provisioningState: "Succeeded",
      }),
    );
    expect(response).toEqual({
      status: 201,
      body: {
        id: `/registries/${REGISTRY}/webhooks/${name}`,
        name,
        type: "Microsoft.ContainerRegistry/registries/webhooks",
        properties: { status: "enabled", scope: "hello:*", actions: ["push", "delete"], payloadFormat: "acr", provisioningState: "Succeeded" },
      },
    });
    const row = await db.webhook.findFirstOrThrow({ where: { name } });
    expect(row.serviceUri).toMatch(/^v1:/);
    expect(row.customHeaders).toMatch(/^v1:/);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "webhook.create", target: `${REGISTRY}/${name}` } });
    expect(audit).toMatchObject({ actorEmail: "contributor@example.test", ipAddress: "203.0.113.7" });
  });

  it("GET and list show it, Reader may read", async () => {
    const one = await json(await api.getWebhookRoute(request(`/${name}`, { token: tokens.reader }), webhookParams(name)));
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toMatch(/serviceUri|customHeaders|s3cret/);
    const list = await json(await api.listWebhooksRoute(request("", { token: tokens.reader }), registryParams()));
    expect(list.status).toBe(200);
    expect(list.body.value.map((webhook: { name: string }) => webhook.name)).toContain(name);
  });

  it("getCallbackConfig reveals them (audited)", async () => {
    expect(await json(await callbackConfig(name))).toEqual({
      status: 200,
      body: { serviceUri: receiverUrl, customHeaders: { Authorization: "Bearer s3cret", "X-Team": "a" } },
    });
    expect(await db.auditEntry.count({ where: { action: "webhook.get-config", target: `${REGISTRY}/${name}` } })).toBe(1);
  });

  it("PATCH changes only what it is given; a masked header value keeps the stored one", async () => {
    const response = await json(await patch(name, { status: "disabled" }));
    expect(response).toMatchObject({ status: 200, body: { properties: { status: "disabled", scope: "hello:*", actions: ["push", "delete"] } } });
    expect((await json(await callbackConfig(name))).body.customHeaders).toEqual({ Authorization: "Bearer s3cret", "X-Team": "a" });

    await patch(name, { customHeaders: { Authorization: "******", "X-New": "b" } });
    expect((await json(await callbackConfig(name))).body).toEqual({
      serviceUri: receiverUrl,
      customHeaders: { Authorization: "Bearer s3cret", "X-New": "b" },
    });
    expect(await db.auditEntry.count({ where: { action: "webhook.update", target: `${REGISTRY}/${name}` } })).toBe(2);
  });

  it("PATCH sets the payload format; an unknown one is 400 and changes nothing", async () => {
    const response = await json(await patch(name, { payloadFormat: "cloudevents" }));
    expect(response).toMatchObject({ status: 200, body: { properties: { payloadFormat: "cloudevents", status: "disabled" } } });
    const before = await db.webhook.findFirstOrThrow({ where: { name } });

    const refused = await json(await patch(name, { payloadFormat: "slack", status: "enabled" }));
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: "ValidationFailed", details: [{ target: "properties.payloadFormat", message: 'Payload format is "acr", "cloudevents" or "chat".' }] } },
    });
    expect(await db.webhook.findFirstOrThrow({ where: { name } })).toEqual(before);
  });

  it("PUT on an existing name replaces every writable property (200), defaults included", async () => {
    const response = await json(await put(name, { serviceUri: receiverUrl, actions: ["push"] }));
    expect(response).toMatchObject({ status: 200, body: { properties: { status: "enabled", scope: "", actions: ["push"], payloadFormat: "acr" } } });
    expect((await json(await callbackConfig(name))).body.customHeaders).toEqual({});
  });

  it("DELETE answers 200, then 204", async () => {
    const remove = () => api.deleteWebhookRoute(request(`/${name}`, { method: "DELETE" }), webhookParams(name));
    expect((await remove()).status).toBe(200);
    expect((await remove()).status).toBe(204);
    expect(await db.auditEntry.count({ where: { action: "webhook.delete", target: `${REGISTRY}/${name}` } })).toBe(1);
  });
});

describe("refusals", () => {
  it.each([
    {
      rule: "invalid name and fields, each under its target",
      call: () => put("Bad-Name", { serviceUri: "ftp://x", actions: [] }),
      status: 400,
      code: "ValidationFailed",
      details: [
        { target: "name", message: "Use only lowercase letters (a-z) and digits (0-9)." },
        { target: "properties.serviceUri", message: "The service URI must start with http:// or https://." },
        { target: "properties.actions", message: "Select at least one trigger action." },
      ],
    },
    {
      rule: "malformed JSON",
      call: () => api.putWebhookRoute(request("/hookx1", { method: "PUT", body: "{nope" }), webhookParams("hookx1")),
      status: 400,
      code: "InvalidRequestBody",
    },
    {
      rule: "wrong Content-Type",
      call: () => put("hookx1", { serviceUri: "https://a.example/", actions: ["push"] }, { contentType: "text/plain" }),
      status: 415,
      code: "UnsupportedMediaType",
    },
    {
      rule: "unknown registry",
      call: () => api.getWebhookRoute(request("/hookx1"), webhookParams("hookx1", "noregistry")),
      status: 404,
      code: "RegistryNotFound",
    },
    { rule: "unknown webhook (GET)", call: () => api.getWebhookRoute(request("/hookx1"), webhookParams("hookx1")), status: 404, code: "WebhookNotFound" },
    { rule: "unknown webhook (PATCH)", call: () => patch("hookx1", { status: "disabled" }), status: 404, code: "WebhookNotFound" },
    { rule: "unknown webhook (ping)", call: () => api.pingWebhookRoute(request("/hookx1/ping", { method: "POST" }), webhookParams("hookx1")), status: 404, code: "WebhookNotFound" },
    { rule: "unknown webhook (getCallbackConfig)", call: () => callbackConfig("hookx1"), status: 404, code: "WebhookNotFound" },
    {
      rule: "unknown webhook (listEvents)",
      call: () => api.listEventsRoute(request("/hookx1/listEvents", { method: "POST" }), webhookParams("hookx1")),
      status: 404,
      code: "WebhookNotFound",
    },
  ])("$rule -> $status $code", async ({ call, status, code, details }) => {
    const response = await json(await call());
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    if (details) expect(response.body.error.details).toEqual(details);
  });
});

describe("ping and listEvents", () => {
  const name = "apihook2";

  beforeAll(async () => {
    const created = await put(name, { serviceUri: receiverUrl, customHeaders: { Authorization: "Bearer s3cret" }, actions: ["push"] });
    expect(created.status).toBe(201);
  });

  it("ping sends now and answers the event id; listEvents shows it with secrets masked", async () => {
    received.length = 0;
    const pinged = await json(await api.pingWebhookRoute(request(`/${name}/ping`, { method: "POST" }), webhookParams(name)));
    expect(pinged.status).toBe(200);
    expect(Object.keys(pinged.body)).toEqual(["id"]);
    expect(received).toHaveLength(1);
    expect(received[0].headers.authorization).toBe("Bearer s3cret");
    expect(JSON.parse(received[0].body)).toMatchObject({ id: pinged.body.id, action: "ping" });

    const listed = await json(await api.listEventsRoute(request(`/${name}/listEvents`, { method: "POST", token: tokens.reader }), webhookParams(name)));
    expect(listed.status).toBe(200);
    expect(listed.body.nextLink).toBeUndefined();
    const [event] = listed.body.value;
    expect(event.id).toBe(pinged.body.id);
    expect(event.eventRequestMessage).toMatchObject({ content: { id: pinged.body.id, action: "ping" }, method: "POST", version: "1.1" });
    expect(event.eventRequestMessage.headers.Authorization).toBe("******");
    expect(event.eventRequestMessage.requestUri).not.toContain("abc");
    expect(event.eventResponseMessage).toMatchObject({ statusCode: "200", reasonPhrase: "OK", content: "thanks" });
  });

  it("the sixth manual send in a minute is refused with 429 and Retry-After", async () => {
    const ping = () => api.pingWebhookRoute(request(`/${name}/ping`, { method: "POST" }), webhookParams(name));
    // One ping already went out in the test above.
    for (let sent = 1; sent < 5; sent += 1) expect((await ping()).status).toBe(200);
    const refused = await ping();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body.error.code).toBe("TooManyRequests");
    expect(body.error.message).toMatch(/^Too many requests: Ping and Redeliver are limited to 5 a minute per webhook for each user\. Ping again in \d+ s\.$/);
  });

  it("pages by 25 by key with an absolute nextLink, and refuses a bad page or $skipToken", async () => {
    const webhook = await db.webhook.findFirstOrThrow({ where: { name } });
    for (let index = 0; index < 25; index += 1) {
      await db.delivery.create({ data: { id: `seeded-${index}`, webhookId: webhook.id, action: "push", payload: JSON.stringify({ id: `seeded-${index}`, action: "push" }) } });
    }
    // 5 pings (the refused sixth stored nothing) + 25 seeded = 30 events: 25 then 5.
    const first = await json(await api.listEventsRoute(request(`/${name}/listEvents`, { method: "POST" }), webhookParams(name)));
    expect(first.body.value).toHaveLength(25);
    expect(first.body.value[0].id).toBe("seeded-24");
    const lastShown = await db.delivery.findFirstOrThrow({ where: { id: "seeded-0" } });
    const next = new URL(first.body.nextLink);
    expect(`${next.origin}${next.pathname}`).toBe(`http://portal.example/api/registries/${REGISTRY}/webhooks/${name}/listEvents`);
    const { decodeSkipToken } = await import("./paging");
    expect(decodeSkipToken(next.searchParams.get("$skipToken") ?? "")).toBe(String(lastShown.seq));
    expect(first.body.value[0].eventResponseMessage.statusCode).toBe("");

    // An event arriving meanwhile does not shift the next page (OFFSET would repeat one).
    await db.delivery.create({ data: { id: "arrived-later", webhookId: webhook.id, action: "push", payload: "{}" } });
    const second = await json(await api.listEventsRoute(request("", { method: "POST", url: first.body.nextLink }), webhookParams(name)));
    expect(second.body.value).toHaveLength(5);
    expect(second.body.value.map((event: { id: string }) => event.id)).not.toContain("seeded-0");
    expect(second.body.nextLink).toBeUndefined();

    const oldFirstPage = await json(await api.listEventsRoute(request(`/${name}/listEvents?page=1`, { method: "POST" }), webhookParams(name)));
    expect(oldFirstPage.body.value[0].id).toBe("arrived-later");
    for (const query of ["page=0", "page=2"]) {
      const bad = await json(await api.listEventsRoute(request(`/${name}/listEvents?${query}`, { method: "POST" }), webhookParams(name)));
      expect(bad).toMatchObject({ status: 400, body: { error: { code: "InvalidPage", message: expect.stringMatching(/Follow nextLink/) } } });
    }
    for (const token of ["nonsense", "azpob29r"]) {
      const bad = await json(await api.listEventsRoute(request(`/${name}/listEvents?$skipToken=${token}`, { method: "POST" }), webhookParams(name)));
      expect(bad).toMatchObject({ status: 400, body: { error: { code: "InvalidSkipToken" } } });
    }
  });
});

describe("list paging", () => {
  const registry = "pagedregistry";
  const names = Array.from({ length: 7 }, (_, index) => `paged${String(index).padStart(2, "0")}`);

  beforeAll(async () => {
    const created = await db.registry.create({ data: { name: registry } });
    // Inserted out of order: the list is by name, not by insertion.
    for (const webhookName of [...names].reverse()) {
      await db.webhook.create({ data: { registryId: created.id, name: webhookName, serviceUri: "v1:x", customHeaders: "v1:x", actions: "push" } });
    }
  });

  const list = async (suffix: string, url?: string) =>
    json(await api.listWebhooksRoute(request("", { token: tokens.reader, url: url ?? `http://portal.example/api/registries/${registry}/webhooks${suffix}` }), registryParams(registry)));

  it("$top pages by name and nextLink (same $top, opaque $skipToken) walks every page once", async () => {
    const seen: string[] = [];
    let page = await list("?$top=3");
    const links: string[] = [];
    for (;;) {
      expect(page.status).toBe(200);
      seen.push(...page.body.value.map((webhook: { name: string }) => webhook.name));
      if (!page.body.nextLink) break;
      links.push(page.body.nextLink);
      page = await list("", page.body.nextLink);
    }
    expect(seen).toEqual(names);
    expect(links).toHaveLength(2);
    expect(new URL(links[0]).searchParams.get("$top")).toBe("3");
    expect(links[0]).not.toContain("paged02");
  });

  it("answers every webhook on one page under the default size, without nextLink", async () => {
    const page = await list("");
    expect(page.body.value).toHaveLength(7);
    expect(page.body).not.toHaveProperty("nextLink");
  });

  it.each(["0", "1001", "ten", "-1", ""])("$top=%j is 400 InvalidTop", async (top) => {
    expect(await list(`?$top=${top}`)).toMatchObject({ status: 400, body: { error: { code: "InvalidTop", message: "$top must be a whole number from 1 to 1000." } } });
  });

  it("a $skipToken it did not give out is 400 InvalidSkipToken", async () => {
    expect(await list("?$skipToken=paged02")).toMatchObject({ status: 400, body: { error: { code: "InvalidSkipToken" } } });
  });
});
