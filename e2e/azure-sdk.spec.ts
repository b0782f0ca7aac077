import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { ContainerRegistryManagementClient, type Webhook } from "@azure/arm-containerregistry";
import type { TokenCredential } from "@azure/core-auth";
import { expect, test } from "./fixtures";
import { createApiTokenThroughUi } from "./support/api-tokens";
import { sealStored } from "./support/stored-secrets";
import { currentTarget } from "./support/targets";
import { startTlsProxy, type TlsProxy } from "./support/tls-proxy";

// Azure's own management SDK (@azure/arm-containerregistry) against the portal's ARM paths:
// every webhook call the SDK has, its long-running-operation poller, its pager, and its
// errors. The SDK sends bearer tokens over https only, so it reaches the portal through a
// loopback TLS proxy (e2e/support/tls-proxy.ts) whose throw-away certificate it is given.

test.describe.configure({ mode: "serial" });

const SUBSCRIPTION = "00000000-0000-0000-0000-00000000e2e0";
const GROUP = "e2e-group";
/** The portal's list page (WEBHOOKS_API_PAGE_SIZE) plus one, so the list takes two pages. */
const SEEDED = 101;

let proxy: TlsProxy;
let token = "";
let registry = "";
let raw: APIRequestContext;

const credentialOf = (value: string): TokenCredential => ({
  getToken: async () => ({ token: value, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 }),
});

const clientWith = (options: { token?: string; apiVersion?: string } = {}) =>
  new ContainerRegistryManagementClient(credentialOf(options.token ?? token), SUBSCRIPTION, {
    endpoint: proxy.url,
    tlsOptions: { ca: proxy.ca },
    retryOptions: { maxRetries: 0 },
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
  });

/** The RestError a call failed with (fails the test if it succeeded or failed otherwise). */
const restErrorOf = async (call: Promise<unknown>) => {
  const error: unknown = await call.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toMatchObject({ name: "RestError" });
  return error as { statusCode: number; code: string; message: string };
};

const armRegistryPath = () => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${GROUP}/providers/Microsoft.ContainerRegistry/registries/${registry}`;

test.beforeAll(async ({ browser, db }) => {
  proxy = await startTlsProxy(currentTarget().baseUrl);
  token = await createApiTokenThroughUi(browser, "contributor", { name: `sdk-${Date.now()}` });
  registry = `sdk${Date.now().toString(36)}`;
  const created = await db.registry.create({ data: { name: registry } });
  await db.webhook.createMany({
    data: Array.from({ length: SEEDED }, (_, index) => ({
      registryId: created.id,
      name: `seeded${String(index).padStart(3, "0")}`,
      ...sealStored({ serviceUri: "http://127.0.0.1:9/unused", customHeaders: "[]" }),
      actions: "push",
    })),
  });
  // What `az rest` and curl send: plain HTTPS requests to the same proxy.
  raw = await playwrightRequest.newContext({ baseURL: proxy.url, ignoreHTTPSErrors: true, storageState: { cookies: [], origins: [] } });
});

test.afterAll(async () => {
  await raw?.dispose();
  await proxy?.close();
});

test("the SDK creates, reads, updates, lists, pings, lists events, reads the callback config and deletes a webhook", async ({ db, receiver, uniqueName }) => {
  const client = clientWith();
  const name = uniqueName("sdk");
  const serviceUri = receiver.url("/sdk?sig=uri-secret");
  const expectedId = `${armRegistryPath()}/webhooks/${name}`;

  const created = await client.webhooks.beginCreateAndWait(GROUP, registry, name, {
    location: "westus",
    tags: { team: "build" },
    serviceUri,
    customHeaders: { "X-Team": "build" },
    actions: ["push", "delete"],
    status: "enabled",
    scope: "app:*",
  });
  expect(created).toMatchObject({ id: expectedId, name, location: "westus", tags: { team: "build" }, status: "enabled", scope: "app:*", actions: ["push", "delete"], provisioningState: "Succeeded" });
  // The poller stopped at the PUT's answer: no polling request followed it.
  expect(proxy.requests.filter((request) => request.path.includes(`/webhooks/${name}`)).map((request) => request.method)).toEqual(["PUT"]);
  expect(await db.webhook.findFirstOrThrow({ where: { name }, select: { location: true, scope: true } })).toEqual({ location: "westus", scope: "app:*" });

  const got = await client.webhooks.get(GROUP, registry, name);
  expect(got).toMatchObject({ id: expectedId, location: "westus", tags: { team: "build" }, status: "enabled" });
  // Write-only, as on ACR.
  expect(got).not.toHaveProperty("serviceUri");

  const updated = await client.webhooks.beginUpdateAndWait(GROUP, registry, name, { tags: { env: "e2e" }, status: "disabled", actions: ["push"] });
  expect(updated).toMatchObject({ id: expectedId, location: "westus", tags: { env: "e2e" }, status: "disabled", scope: "app:*", actions: ["push"], provisioningState: "Succeeded" });
  expect(await db.webhook.findFirstOrThrow({ where: { name }, select: { status: true, actions: true } })).toEqual({ status: "disabled", actions: "push" });

  // More webhooks than a page: the pager follows nextLink (over https, with api-version) to the end.
  const names: string[] = [];
  let pages = 0;
  for await (const page of client.webhooks.list(GROUP, registry).byPage()) {
    pages += 1;
    names.push(...page.map((webhook: Webhook) => webhook.name ?? ""));
  }
  expect(pages).toBe(2);
  expect(names).toHaveLength(SEEDED + 1);
  expect(names).toContain(name);
  expect(proxy.requests.some((request) => request.method === "GET" && /[?&]%24skipToken=|[?&]\$skipToken=/.test(request.path) && request.path.includes("api-version=2025-11-01"))).toBe(true);

  const ping = await client.webhooks.ping(GROUP, registry, name);
  expect(ping.id).toMatch(/.+/);
  await expect.poll(() => receiver.requestsTo("/sdk?sig=uri-secret").length).toBe(1);
  expect(JSON.parse(receiver.requestsTo("/sdk?sig=uri-secret")[0].body)).toMatchObject({ id: ping.id, action: "ping" });
  expect(receiver.requestsTo("/sdk?sig=uri-secret")[0].headers["x-team"]).toBe("build");

  // The portal records the receiver's answer just after it arrives.
  const listEvents = async () => {
    const events = [];
    for await (const event of client.webhooks.listEvents(GROUP, registry, name)) events.push(event);
    return events;
  };
  await expect.poll(async () => (await listEvents()).map((event) => [event.id, event.eventResponseMessage?.statusCode])).toEqual([[ping.id, "200"]]);
  const [event] = await listEvents();
  expect(event.eventRequestMessage).toMatchObject({ method: "POST", version: "1.1" });
  // Custom header values are masked in the event log, as on ACR.
  expect(event.eventRequestMessage?.headers).toMatchObject({ "X-Team": "******" });

  expect(await client.webhooks.getCallbackConfig(GROUP, registry, name)).toEqual({ serviceUri, customHeaders: { "X-Team": "build" } });

  await client.webhooks.beginDeleteAndWait(GROUP, registry, name);
  expect(await db.webhook.count({ where: { name } })).toBe(0);
  const gone = await restErrorOf(client.webhooks.get(GROUP, registry, name));
  expect([gone.statusCode, gone.code]).toEqual([404, "WebhookNotFound"]);
  // Deleting what is gone is not an error for ARM (204).
  await client.webhooks.beginDeleteAndWait(GROUP, registry, name);
});

test("an unknown or missing api-version, and a wrong body, are ARM's 400 and change nothing", async ({ db, receiver, uniqueName }) => {
  const name = uniqueName("sdkbad");
  const unknown = await restErrorOf(clientWith({ apiVersion: "2099-01-01" }).webhooks.get(GROUP, registry, "seeded000"));
  expect([unknown.statusCode, unknown.code]).toEqual([400, "InvalidApiVersionParameter"]);
  expect(unknown.message).toContain("2025-11-01");
  const empty = await restErrorOf(clientWith({ apiVersion: "" }).webhooks.get(GROUP, registry, "seeded000"));
  expect([empty.statusCode, empty.code]).toEqual([400, "MissingApiVersionParameter"]);
  const missing = await raw.get(`${armRegistryPath()}/webhooks/seeded000`, { headers: { Authorization: `Bearer ${token}` } });
  expect(missing.status()).toBe(400);
  expect((await missing.json()).error.code).toBe("MissingApiVersionParameter");

  const client = clientWith();
  const noServiceUri = await restErrorOf(
    client.webhooks.beginCreateAndWait(GROUP, registry, name, { location: "westus", actions: ["push"] } as Parameters<typeof client.webhooks.beginCreateAndWait>[3]),
  );
  expect([noServiceUri.statusCode, noServiceUri.code]).toEqual([400, "ValidationFailed"]);
  expect(noServiceUri.message).toContain("properties.serviceUri");
  const noLocation = await restErrorOf(
    client.webhooks.beginCreateAndWait(GROUP, registry, name, { serviceUri: receiver.url("/x"), actions: ["push"] } as Parameters<typeof client.webhooks.beginCreateAndWait>[3]),
  );
  expect([noLocation.statusCode, noLocation.code]).toEqual([400, "ValidationFailed"]);
  expect(noLocation.message).toContain("location");

  // The SDK's own types stop an `actions` that is not an array before sending; `az rest` sends it.
  const notAnArray = await raw.put(`${armRegistryPath()}/webhooks/${name}?api-version=2025-11-01`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { location: "westus", properties: { serviceUri: receiver.url("/x"), actions: "push" } },
  });
  expect(notAnArray.status()).toBe(400);
  const body = await notAnArray.json();
  expect(body.error.code).toBe("ValidationFailed");
  expect(body.error.details).toEqual([expect.objectContaining({ target: "properties.actions" })]);
  expect(body.error.message).toContain("properties.actions");
  expect(await db.webhook.count({ where: { name } })).toBe(0);
});

test("no token and a bad token are ARM-shaped 401s", async () => {
  const bad = await restErrorOf(clientWith({ token: "rwt_not-a-real-token" }).webhooks.get(GROUP, registry, "seeded000"));
  expect([bad.statusCode, bad.code]).toEqual([401, "Unauthorized"]);
  for (const headers of [{}, { Authorization: "Bearer rwt_not-a-real-token" }] as Record<string, string>[]) {
    const refused = await raw.get(`${armRegistryPath()}/webhooks?api-version=2025-11-01`, { headers });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error).toEqual({ code: "Unauthorized", message: expect.stringContaining("API token") });
  }
});

test("ARM's fixed path segments match in any case, as on Azure", async () => {
  const lower = armRegistryPath().replace("resourceGroups", "resourcegroups").replace("Microsoft.ContainerRegistry", "microsoft.containerregistry");
  const got = await raw.get(`${lower}/WEBHOOKS/seeded000?api-version=2025-11-01`, { headers: { Authorization: `Bearer ${token}` } });
  expect(got.status()).toBe(200);
  expect(await got.json()).toMatchObject({ name: "seeded000", location: "global", tags: {} });
  const config = await raw.post(`${lower}/webhooks/seeded000/getcallbackconfig?api-version=2025-11-01`, { headers: { Authorization: `Bearer ${token}` } });
  expect(await config.json()).toEqual({ serviceUri: "http://127.0.0.1:9/unused", customHeaders: {} });
});
