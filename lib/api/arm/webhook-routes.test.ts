import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "../../testing/temporary-database";

// The ARM adapters called in-process, as their route files call them, against a real migrated
// SQLite file and real API tokens: the envelope (location, tags), the ids on the caller's path,
// api-version, and the portal's rules and roles reached through them.

const database = temporaryDatabase("arm-api");
process.env.SECRET_KEY = "unit-test-secret-key-0123456789";
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let arm: typeof import("./webhook-routes");
let anyCase: typeof import("./any-case-route");
let db: typeof import("../../db").db;

const REGISTRY = "armregistry";
const tokens = { reader: "", contributor: "" };
const REGISTRY_PATH = `/subscriptions/sub-1/resourceGroups/group-1/providers/Microsoft.ContainerRegistry/registries/${REGISTRY}`;
const VERSION = "api-version=2025-11-01";

beforeAll(async () => {
  db = await database.open();
  arm = await import("./webhook-routes");
  anyCase = await import("./any-case-route");
  const { generateApiToken } = await import("../../auth/api-tokens");
  const { hashToken } = await import("../../security/token-hash");
  await db.registry.create({ data: { name: REGISTRY } });
  for (const role of ["reader", "contributor"] as const) {
    const user = await db.user.create({ data: { id: `arm-${role}`, name: role, email: `arm-${role}@example.test`, role } });
    tokens[role] = generateApiToken();
    await db.apiToken.create({ data: { userId: user.id, name: "t", prefix: "rwt_", tokenHash: hashToken(tokens[role]), role } });
  }
}, 60_000);

afterAll(async () => {
  await database.close();
});

type Call = { method?: string; token?: string; body?: unknown; query?: string };
const call = (suffix: string, { method = "GET", token = tokens.contributor, body, query = VERSION }: Call = {}) =>
  new Request(`https://portal.example${REGISTRY_PATH}/webhooks${suffix}${query ? `?${query}` : ""}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "X-Forwarded-Host": "portal.example", "X-Forwarded-Proto": "https", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const registryParams = () => ({ params: Promise.resolve({ subscriptionId: "sub-1", resourceGroupName: "group-1", registry: REGISTRY }) });
const webhookParams = (webhook: string) => ({
  params: Promise.resolve({ subscriptionId: "sub-1", resourceGroupName: "group-1", registry: REGISTRY, webhook }),
});
const json = async (response: Response) => ({ status: response.status, body: response.status === 204 ? null : await response.json() });

const properties = { serviceUri: "https://hooks.example/acr?sig=secret", actions: ["push"] };
const put = (name: string, body: unknown, call_: Call = {}) => arm.armPutWebhook(call(`/${name}`, { method: "PUT", body, ...call_ }), webhookParams(name));

describe("ARM paths over the portal's webhooks", () => {
  it("PUT creates (201) with the caller's path as id and the location and tags sent; GET echoes them", async () => {
    const created = await json(await put("armhook1", { location: "westus", tags: { team: "build" }, properties }));
    const expected = {
      id: `${REGISTRY_PATH}/webhooks/armhook1`,
      name: "armhook1",
      type: "Microsoft.ContainerRegistry/registries/webhooks",
      location: "westus",
      tags: { team: "build" },
      properties: { status: "enabled", scope: "", actions: ["push"], payloadFormat: "acr", provisioningState: "Succeeded" },
    };
    expect(created).toEqual({ status: 201, body: expected });
    expect(await json(await arm.armGetWebhook(call("/armhook1"), webhookParams("armhook1")))).toEqual({ status: 200, body: expected });
    expect(await db.webhook.findFirstOrThrow({ where: { name: "armhook1" }, select: { location: true, tags: true } })).toEqual({ location: "westus", tags: '{"team":"build"}' });
  });

  it("PUT again replaces (200); PATCH changes the properties and tags given and keeps the location", async () => {
    expect((await put("armhook1", { location: "westus", properties: { ...properties, scope: "app:*" } })).status).toBe(200);
    const patched = await json(
      await arm.armPatchWebhook(call("/armhook1", { method: "PATCH", body: { tags: { env: "prod" }, properties: { status: "disabled" } } }), webhookParams("armhook1")),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ location: "westus", tags: { env: "prod" }, properties: { status: "disabled", scope: "app:*" } });
  });

  it("a wrong body is a 400 naming each field at fault, and creates nothing", async () => {
    const refused = await json(await put("armhook2", { location: "westus", properties: { actions: "push" } }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("ValidationFailed");
    expect(refused.body.error.details.map((detail: { target: string }) => detail.target)).toEqual(["properties.serviceUri", "properties.actions"]);
    expect(refused.body.error.message).toMatch(/properties\.serviceUri: .*properties\.actions: /);
    const noLocation = await json(await put("armhook2", { properties }));
    expect(noLocation.body.error.details).toEqual([expect.objectContaining({ target: "location" })]);
    expect(await db.webhook.count({ where: { name: "armhook2" } })).toBe(0);
  });

  it("api-version missing or unknown is ARM's 400, before anything is written", async () => {
    expect((await json(await put("armhook3", { location: "westus", properties }, { query: "" }))).body.error.code).toBe("MissingApiVersionParameter");
    expect((await json(await put("armhook3", { location: "westus", properties }, { query: "api-version=2099-01-01" }))).body.error.code).toBe(
      "InvalidApiVersionParameter",
    );
    expect(await db.webhook.count({ where: { name: "armhook3" } })).toBe(0);
  });

  it("a Reader may list and read but not write (403, nothing stored)", async () => {
    const refused = await put("armhook4", { location: "westus", properties }, { token: tokens.reader });
    expect(refused.status).toBe(403);
    expect(await db.webhook.count({ where: { name: "armhook4" } })).toBe(0);
    expect((await arm.armGetWebhook(call("/armhook1", { token: tokens.reader }), webhookParams("armhook1"))).status).toBe(200);
  });

  it("the list pages with a nextLink on the caller's ARM path that keeps api-version and $top", async () => {
    await put("armhook5", { location: "eastus", properties });
    const first = await json(await arm.armListWebhooks(call("", { query: `${VERSION}&$top=1` }), registryParams()));
    expect(first.body.value).toEqual([expect.objectContaining({ id: `${REGISTRY_PATH}/webhooks/armhook1`, location: "westus" })]);
    const next = new URL(first.body.nextLink);
    expect(`${next.origin}${next.pathname}`).toBe(`https://portal.example${REGISTRY_PATH}/webhooks`);
    expect(next.searchParams.get("api-version")).toBe("2025-11-01");
    expect(next.searchParams.get("$top")).toBe("1");
    const second = await json(await arm.armListWebhooks(new Request(next, { headers: { Authorization: `Bearer ${tokens.reader}` } }), registryParams()));
    expect(second.body.value.map((webhook: { name: string; location: string }) => [webhook.name, webhook.location])).toEqual([["armhook5", "eastus"]]);
  });

  it("DELETE answers 200, then 204 when there is nothing left to delete", async () => {
    expect((await arm.armDeleteWebhook(call("/armhook5", { method: "DELETE" }), webhookParams("armhook5"))).status).toBe(200);
    expect((await arm.armDeleteWebhook(call("/armhook5", { method: "DELETE" }), webhookParams("armhook5"))).status).toBe(204);
  });

  it("getCallbackConfig answers the service URI as sent; a missing webhook is the portal's 404", async () => {
    expect(await json(await arm.armGetCallbackConfig(call("/armhook1/getCallbackConfig", { method: "POST" }), webhookParams("armhook1")))).toEqual({
      status: 200,
      body: { serviceUri: properties.serviceUri, customHeaders: {} },
    });
    const missing = await json(await arm.armGetWebhook(call("/nosuchhook"), webhookParams("nosuchhook")));
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "WebhookNotFound" } } });
  });

  it("a path with its fixed segments in another case reaches the same handler, ids on the route's spelling", async () => {
    const lower = `https://portal.example${REGISTRY_PATH.replace("resourceGroups", "resourcegroups").replace("Microsoft.ContainerRegistry", "MICROSOFT.CONTAINERREGISTRY")}`;
    const headers = { Authorization: `Bearer ${tokens.reader}` };
    const got = await json(await anyCase.GET(new Request(`${lower}/Webhooks/armhook1?${VERSION}`, { headers })));
    expect(got).toMatchObject({ status: 200, body: { id: `${REGISTRY_PATH}/webhooks/armhook1`, location: "westus" } });
    const listed = await json(await anyCase.GET(new Request(`${lower}/webhooks?${VERSION}`, { headers })));
    expect(listed.body.value.map((webhook: { name: string }) => webhook.name)).toContain("armhook1");
    expect(await json(await anyCase.POST(new Request(`${lower}/webhooks/armhook1?${VERSION}`, { method: "POST", headers })))).toMatchObject({
      status: 405,
      body: { error: { code: "MethodNotAllowed" } },
    });
    expect((await anyCase.GET(new Request(`${lower}/replications?${VERSION}`, { headers }))).status).toBe(404);
  });
});
