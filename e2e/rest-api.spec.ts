import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, seedWebhook, test, REGISTRY } from "./fixtures";
import { createApiTokenThroughUi, tokenContext } from "./support/api-tokens";

// The ARM-shaped REST API over HTTP with personal API tokens: every operation, every error
// code, and the Reader/Contributor rules.

test.describe.configure({ mode: "serial" });

const base = `/api/registries/${REGISTRY}/webhooks`;
let contributor: APIRequestContext;
let reader: APIRequestContext;
let anonymous: APIRequestContext;

test.beforeAll(async ({ browser }) => {
  contributor = await tokenContext(await createApiTokenThroughUi(browser, "contributor", { name: `api-${Date.now()}` }));
  reader = await tokenContext(await createApiTokenThroughUi(browser, "reader", { name: `api-${Date.now()}` }));
  anonymous = await tokenContext();
});

test.afterAll(async () => {
  await Promise.all([contributor, reader, anonymous].map((context) => context.dispose()));
});

test("PUT creates (201) then replaces (200); GET and list never show the service URI or headers; DELETE is 200 then 204", async ({ receiver, uniqueName }) => {
  const name = uniqueName("arm");
  const properties = {
    serviceUri: receiver.url("/arm?sig=uri-secret"),
    customHeaders: { Authorization: "Bearer header-secret" },
    actions: ["push", "delete"],
    scope: "app:*",
  };
  const created = await contributor.put(`${base}/${name}`, { data: { properties } });
  expect(created.status()).toBe(201);
  const resource = {
    id: `/registries/${REGISTRY}/webhooks/${name}`,
    name,
    type: "Microsoft.ContainerRegistry/registries/webhooks",
    properties: { status: "enabled", scope: "app:*", actions: ["push", "delete"], payloadFormat: "acr", provisioningState: "Succeeded" },
  };
  expect(await created.json()).toEqual(resource);

  const replaced = await contributor.put(`${base}/${name}`, { data: { properties: { ...properties, status: "disabled" } } });
  expect(replaced.status()).toBe(200);
  expect((await replaced.json()).properties.status).toBe("disabled");

  const got = await reader.get(`${base}/${name}`);
  expect(got.status()).toBe(200);
  expect(await got.json()).toEqual({ ...resource, properties: { ...resource.properties, status: "disabled", disabledReason: "admin" } });
  // The shared registry holds every spec's webhooks, more than a page: follow nextLink to it.
  let list = await reader.get(base);
  for (;;) {
    expect(list.status()).toBe(200);
    const { value, nextLink } = await list.json();
    if ((value as { name: string }[]).some((webhook) => webhook.name === name) || !nextLink) break;
    list = await reader.get(nextLink);
  }
  const listed = (await list.json()).value as { name: string }[];
  expect(listed.find((webhook) => webhook.name === name)).toBeTruthy();
  for (const text of [await got.text(), await list.text(), await created.text()]) {
    expect(text).not.toContain("serviceUri");
    expect(text).not.toContain("customHeaders");
    expect(text).not.toContain("uri-secret");
    expect(text).not.toContain("header-secret");
  }

  const patched = await contributor.patch(`${base}/${name}`, { data: { properties: { status: "enabled", scope: "" } } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).properties).toEqual({ status: "enabled", scope: "", actions: ["push", "delete"], payloadFormat: "acr", provisioningState: "Succeeded" });
  // PATCH kept the service URI and headers it was not given.
  const config = await contributor.post(`${base}/${name}/getCallbackConfig`);
  expect(config.status()).toBe(200);
  expect(await config.json()).toEqual({ serviceUri: properties.serviceUri, customHeaders: properties.customHeaders });

  expect((await contributor.delete(`${base}/${name}`)).status()).toBe(200);
  expect((await contributor.delete(`${base}/${name}`)).status()).toBe(204);
  expect((await reader.get(`${base}/${name}`)).status()).toBe(404);
});

test("ping answers the event id; listEvents pages with nextLink and masks secret headers; the sixth ping in a minute is 429", async ({ receiver, uniqueName }) => {
  const name = uniqueName("pinged");
  await contributor.put(`${base}/${name}`, {
    data: { properties: { serviceUri: receiver.url("/pinged"), customHeaders: { "X-Api-Key": "key-secret" }, actions: ["push"] } },
  });
  const ids: string[] = [];
  for (let ping = 0; ping < 5; ping++) {
    const response = await contributor.post(`${base}/${name}/ping`);
    expect(response.status()).toBe(200);
    ids.push((await response.json()).id);
  }
  expect(receiver.requestsTo("/pinged")).toHaveLength(5);
  const limited = await contributor.post(`${base}/${name}/ping`);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited.json()).error).toMatchObject({ code: "TooManyRequests", message: expect.stringMatching(/^Too many requests: /) });
  expect(receiver.requestsTo("/pinged")).toHaveLength(5);

  const page = await reader.post(`${base}/${name}/listEvents`);
  expect(page.status()).toBe(200);
  const body = await page.json();
  expect(body.value.map((event: { id: string }) => event.id)).toEqual([...ids].reverse());
  expect(body.nextLink).toBeUndefined();
  const [newest] = body.value;
  expect(newest.eventRequestMessage).toMatchObject({ method: "POST", requestUri: receiver.url("/pinged"), content: { id: ids[4], action: "ping" } });
  expect(newest.eventRequestMessage.headers["X-Api-Key"]).toBe("******");
  expect(newest.eventResponseMessage).toMatchObject({ statusCode: "200", reasonPhrase: "OK" });
  expect(JSON.stringify(body)).not.toContain("key-secret");
});

test("the webhook list pages by name: nextLink walks every webhook once, $top and $skipToken are checked", async ({ db, target, uniqueName }) => {
  const registry = uniqueName("restpages");
  await db.registry.create({ data: { name: registry } });
  const names = Array.from({ length: 230 }, (_, index) => `hook${String(index).padStart(4, "0")}`);
  await Promise.all(names.map((name) => seedWebhook(db, { name, serviceUri: "https://example.com/hook", registry })));
  const listBase = `/api/registries/${registry}/webhooks`;

  const walk = async (first: string) => {
    const pages: { name: string }[][] = [];
    let link: string | undefined = first;
    while (link) {
      const response: APIResponse = await reader.get(link);
      expect(response.status()).toBe(200);
      const body: { value: { name: string }[]; nextLink?: string } = await response.json();
      pages.push(body.value);
      if (body.nextLink) expect(new URL(body.nextLink).origin).toBe(target.baseUrl);
      link = body.nextLink;
    }
    return pages;
  };
  const byDefault = await walk(listBase);
  expect(byDefault.map((page) => page.length)).toEqual([100, 100, 30]);
  expect(byDefault.flat().map((webhook) => webhook.name)).toEqual(names);
  const byTop = await walk(`${listBase}?$top=150`);
  expect(byTop.map((page) => page.length)).toEqual([150, 80]);

  for (const [query, code] of [["$top=0", "InvalidTop"], ["$top=1001", "InvalidTop"], ["$skipToken=hook0100", "InvalidSkipToken"]]) {
    const refused = await reader.get(`${listBase}?${query}`);
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.code).toBe(code);
  }
});

test("listEvents follows nextLink across pages", async ({ db, target, receiver, uniqueName }) => {
  const name = uniqueName("paged");
  await contributor.put(`${base}/${name}`, { data: { properties: { serviceUri: receiver.url("/paged"), actions: ["push"] } } });
  const webhook = await db.webhook.findFirstOrThrow({ where: { name } });
  const payload = (n: number) => JSON.stringify({ id: `event-${n}`, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), action: "push", target: { repository: "app", tag: `v${n}` } });
  await db.delivery.createMany({
    data: Array.from({ length: 30 }, (_, n) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, webhookId: webhook.id, action: "push", payload: payload(n), state: "delivered", lastStatus: "200 OK" })),
  });
  const first = await (await reader.post(`${base}/${name}/listEvents`)).json();
  expect(first.value).toHaveLength(25);
  expect(new URL(first.nextLink).origin).toBe(target.baseUrl);
  const second = await (await reader.post(first.nextLink)).json();
  expect(second.value).toHaveLength(5);
  expect(second.nextLink).toBeUndefined();
  expect(new Set([...first.value, ...second.value].map((event: { id: string }) => event.id)).size).toBe(30);
  expect(new URL(first.nextLink).searchParams.has("$skipToken")).toBe(true);
  const numbered = await reader.post(`${base}/${name}/listEvents?page=2`);
  expect(numbered.status()).toBe(400);
  expect((await numbered.json()).error.message).toMatch(/Follow nextLink/);
});

test("bad input is refused with the form's messages, per field, and nothing is written", async ({ db, uniqueName }) => {
  const name = uniqueName("invalid");
  const invalid = await contributor.put(`${base}/${name}`, {
    data: { properties: { serviceUri: "ftp://example.com/hook", customHeaders: { "Bad Name": "x" }, actions: [], status: "paused", scope: "a:b:c", colour: "blue" } },
  });
  expect(invalid.status()).toBe(400);
  const { error } = await invalid.json();
  expect(error.code).toBe("ValidationFailed");
  const targets = Object.fromEntries(error.details.map((detail: { target: string; message: string }) => [detail.target, detail.message]));
  expect(targets).toMatchObject({
    "properties.serviceUri": "The service URI must start with http:// or https://.",
    "properties.actions": "Select at least one trigger action.",
    "properties.colour": expect.any(String),
  });
  expect(Object.keys(targets)).toEqual(expect.arrayContaining(["properties.customHeaders", "properties.status", "properties.scope"]));

  const badName = await contributor.put(`${base}/Bad_Name`, { data: { properties: { serviceUri: "https://example.com/x", actions: ["push"] } } });
  expect(badName.status()).toBe(400);
  expect((await badName.json()).error.details).toContainEqual({ target: "name", message: "Use only lowercase letters (a-z) and digits (0-9)." });

  const notJson = await contributor.put(`${base}/${name}`, { headers: { "Content-Type": "application/json" }, data: "{properties:" });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.code).toBe("InvalidRequestBody");
  const wrongType = await contributor.put(`${base}/${name}`, { headers: { "Content-Type": "text/plain" }, data: "hello" });
  expect(wrongType.status()).toBe(415);
  const tooLarge = await contributor.put(`${base}/${name}`, { data: { properties: { serviceUri: "https://example.com/x", actions: ["push"], scope: "x".repeat(300 * 1024) } } });
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error.code).toBe("RequestBodyTooLarge");
  expect((await contributor.patch(`${base}/${uniqueName("absent")}`, { data: { properties: {} } })).status()).toBe(404);
  const noRegistry = await reader.get(`/api/registries/nosuchregistry/webhooks`);
  expect(noRegistry.status()).toBe(404);
  expect((await noRegistry.json()).error.code).toBe("RegistryNotFound");
  expect((await reader.post(`${base}/${uniqueName("absent")}/listEvents`)).status()).toBe(404);
  expect((await reader.post(`${base}/${name}/listevents`)).status()).toBe(404);

  expect(await db.webhook.count({ where: { name } })).toBe(0);
});

test("a Reader's token reads but every write is 403; no token is 401; nothing changes", async ({ db, receiver, uniqueName }) => {
  const name = uniqueName("readonly");
  await contributor.put(`${base}/${name}`, { data: { properties: { serviceUri: receiver.url("/readonly"), actions: ["push"] } } });
  const before = await db.webhook.findFirstOrThrow({ where: { name } });

  const writes = [
    () => reader.put(`${base}/${name}`, { data: { properties: { serviceUri: "https://example.com/x", actions: ["push"] } } }),
    () => reader.patch(`${base}/${name}`, { data: { properties: { status: "disabled" } } }),
    () => reader.delete(`${base}/${name}`),
    () => reader.post(`${base}/${name}/ping`),
    () => reader.post(`${base}/${name}/getCallbackConfig`),
  ];
  for (const write of writes) {
    const response = await write();
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toEqual({ code: "Forbidden", message: "This needs the Contributor role; you have Reader." });
  }
  for (const read of [() => reader.get(base), () => reader.get(`${base}/${name}`), () => reader.post(`${base}/${name}/listEvents`), () => reader.get("/api/openapi.json")]) {
    expect((await read()).status()).toBe(200);
  }
  for (const call of [() => anonymous.get(base), () => anonymous.post(`${base}/${name}/ping`), () => anonymous.get("/api/openapi.json")]) {
    const response = await call();
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("Unauthorized");
  }
  expect(await db.webhook.findFirstOrThrow({ where: { name } })).toEqual(before);
  expect(receiver.requestsTo("/readonly")).toHaveLength(0);
});

test("the OpenAPI 3.1 document describes every operation with the form's constraints", async () => {
  const response = await reader.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.keys(methods).filter((key) => key !== "parameters").map((method) => `${method.toUpperCase()} ${path}`));
  expect(operations).toEqual(
    expect.arrayContaining([
      "GET /api/registries/{registry}/webhooks",
      "GET /api/registries/{registry}/webhooks/{webhook}",
      "PUT /api/registries/{registry}/webhooks/{webhook}",
      "PATCH /api/registries/{registry}/webhooks/{webhook}",
      "DELETE /api/registries/{registry}/webhooks/{webhook}",
      "POST /api/registries/{registry}/webhooks/{webhook}/ping",
      "POST /api/registries/{registry}/webhooks/{webhook}/listEvents",
      "POST /api/registries/{registry}/webhooks/{webhook}/getCallbackConfig",
    ]),
  );
  expect(JSON.stringify(document)).toContain("^[a-z0-9]+$");
  expect(document.components.securitySchemes).toBeTruthy();
});
