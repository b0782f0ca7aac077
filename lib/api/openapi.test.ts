import { describe, expect, it } from "vitest";
import {
  HEADER_NAME_PATTERN,
  HEADER_VALUE_PATTERN,
  MAX_HEADER_NAME_LENGTH,
  MAX_HEADER_VALUE_LENGTH,
  MAX_HEADERS,
} from "../webhooks/headers";
import { NAME_MAX_LENGTH, NAME_MIN_LENGTH, NAME_PATTERN } from "../webhooks/names";
import { PAYLOAD_FORMATS } from "../webhooks/payload-format";
import { SERVICE_URI_MAX_LENGTH, WEBHOOK_ACTIONS, WEBHOOK_STATUSES } from "../webhooks/schema";
import { buildOpenApiDocument } from "./openapi";
import { parseWebhookBody, webhookCreateBodySchema, webhookNameProblem } from "./webhook-input";

// The generated document walked as plain JSON: the assertions index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON on purpose
type Json = Record<string, any>;
const doc = buildOpenApiDocument() as Json;

const WEBHOOK = "/api/registries/{registry}/webhooks/{webhook}";

/** Every operation the API has: [path, method, operationId, role, success codes, error codes]. */
const OPERATIONS: [string, string, string, string, string[], string[]][] = [
  ["/api/registries/{registry}/webhooks", "get", "Webhooks_List", "reader", ["200"], ["404"]],
  [WEBHOOK, "get", "Webhooks_Get", "reader", ["200"], ["404"]],
  [WEBHOOK, "put", "Webhooks_Create", "contributor", ["200", "201"], ["400", "404", "409", "413", "415"]],
  [WEBHOOK, "patch", "Webhooks_Update", "contributor", ["200"], ["400", "404", "413", "415"]],
  [WEBHOOK, "delete", "Webhooks_Delete", "contributor", ["200", "204"], ["404"]],
  [`${WEBHOOK}/ping`, "post", "Webhooks_Ping", "contributor", ["200"], ["404", "429"]],
  [`${WEBHOOK}/sample`, "post", "Webhooks_SendSample", "contributor", ["200"], ["400", "404", "409", "413", "415", "429"]],
  [`${WEBHOOK}/recover`, "post", "Webhooks_Recover", "contributor", ["200"], ["400", "404", "409", "413", "415"]],
  [`${WEBHOOK}/listEvents`, "post", "Webhooks_ListEvents", "reader", ["200"], ["400", "404"]],
  [`${WEBHOOK}/getCallbackConfig`, "post", "Webhooks_GetCallbackConfig", "contributor", ["200"], ["404"]],
  ["/api/openapi.json", "get", "OpenApi_Get", "reader", ["200"], []],
];

const resolve = (ref: string): unknown =>
  ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<Json>((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);

const refsIn = (node: unknown, found: string[] = []): string[] => {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
};

describe("the OpenAPI 3.1 skeleton", () => {
  it("declares 3.1 with info, paths, components and bearer security", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("has only the operations listed, each once, with unique operation ids", () => {
    const listed = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ["get", "put", "post", "patch", "delete"].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(OPERATIONS.map(([path, method]) => `${method.toUpperCase()} ${path}`).sort());
    const ids = OPERATIONS.map(([path, method]) => doc.paths[path][method].operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(OPERATIONS)("%s %s: %s for %s", (path, method, operationId, role, successes, errors) => {
    const operation = doc.paths[path][method];
    expect(operation.operationId).toBe(operationId);
    expect(operation["x-required-role"]).toBe(role);
    for (const code of [...successes, ...errors, "401", "403"]) expect(operation.responses[code], code).toBeDefined();
    for (const code of [...errors, "401", "403"]) {
      expect(operation.responses[code].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
    }
  });

  it("names every path parameter the path has", () => {
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      const declared = (item.parameters ?? []).map((parameter: Json) => (parameter.$ref ? resolve(parameter.$ref) : parameter) as Json);
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(declared.filter((parameter: Json) => parameter.in === "path").map((parameter: Json) => parameter.name)).toEqual(names);
    }
  });

  it("resolves every $ref", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
  });

  it("carries no JSON Schema $schema or $id inside components", () => {
    expect(JSON.stringify(doc.components.schemas)).not.toMatch(/"\$schema"|"\$id"/);
  });
});

describe("the schemas say what the handlers enforce", () => {
  const createProperties = doc.components.schemas.WebhookCreateParameters.properties.properties;
  const updateProperties = doc.components.schemas.WebhookUpdateParameters.properties.properties;
  const webhookParameter = doc.components.parameters.webhook.schema;

  it("the webhook name: the form's pattern and lengths", () => {
    expect(webhookParameter).toMatchObject({ type: "string", pattern: NAME_PATTERN.source, minLength: NAME_MIN_LENGTH, maxLength: NAME_MAX_LENGTH });
  });

  it.each(["hook1", "MyHook1", "hook", "a".repeat(51), "my-hook", "a".repeat(50)])("name %s: document and handler agree", (name) => {
    const pattern = new RegExp(webhookParameter.pattern);
    const documented = pattern.test(name) && name.length >= webhookParameter.minLength && name.length <= webhookParameter.maxLength;
    expect(webhookNameProblem(name) === null).toBe(documented);
  });

  it("PUT: required, closed, with the form's limits", () => {
    expect(doc.components.schemas.WebhookCreateParameters).toMatchObject({ required: ["properties"], additionalProperties: false });
    expect(createProperties.required.sort()).toEqual(["actions", "serviceUri"]);
    expect(createProperties.additionalProperties).toBe(false);
    const { serviceUri, customHeaders, actions, status, scope, payloadFormat, provisioningState } = createProperties.properties;
    expect(serviceUri).toMatchObject({ type: "string", maxLength: SERVICE_URI_MAX_LENGTH, writeOnly: true });
    expect(customHeaders).toMatchObject({
      type: "object",
      maxProperties: MAX_HEADERS,
      writeOnly: true,
      propertyNames: { type: "string", pattern: HEADER_NAME_PATTERN.source, maxLength: MAX_HEADER_NAME_LENGTH },
      additionalProperties: { type: "string", pattern: HEADER_VALUE_PATTERN.source, maxLength: MAX_HEADER_VALUE_LENGTH },
    });
    expect(actions).toMatchObject({ type: "array", minItems: 1, items: { enum: [...WEBHOOK_ACTIONS] } });
    expect(status).toMatchObject({ enum: [...WEBHOOK_STATUSES], default: "enabled" });
    expect(scope).toMatchObject({ type: "string", default: "" });
    expect(payloadFormat).toMatchObject({ enum: [...PAYLOAD_FORMATS], default: "acr" });
    expect(provisioningState).toMatchObject({ readOnly: true });
  });

  it("PATCH: the same properties, none required", () => {
    expect(updateProperties.required).toBeUndefined();
    expect(Object.keys(updateProperties.properties).sort()).toEqual(Object.keys(createProperties.properties).sort());
    expect(updateProperties.properties.customHeaders).toEqual(createProperties.properties.customHeaders);
    expect(updateProperties.properties.status.default).toBeUndefined();
  });

  it.each([
    { rule: "header name with a colon", headers: { "X-A:b": "1" } },
    { rule: "header value with a line break", headers: { "X-A": "a\nb" } },
    { rule: "header name too long", headers: { ["X".repeat(MAX_HEADER_NAME_LENGTH + 1)]: "1" } },
  ])("$rule: refused by the documented pattern and by the handler", ({ headers }) => {
    const { propertyNames, additionalProperties } = createProperties.properties.customHeaders;
    const documented = Object.entries(headers).every(
      ([name, value]) =>
        new RegExp(propertyNames.pattern).test(name) &&
        name.length <= propertyNames.maxLength &&
        new RegExp(additionalProperties.pattern).test(value),
    );
    expect(documented).toBe(false);
    const parsed = parseWebhookBody(webhookCreateBodySchema, { properties: { serviceUri: "https://a.example/", actions: ["push"], customHeaders: headers } });
    expect(parsed.ok).toBe(false);
  });

  it("responses: the Webhook schema has no serviceUri or customHeaders", () => {
    const webhook = doc.components.schemas.Webhook;
    expect(Object.keys(webhook.properties.properties.properties).sort()).toEqual(["actions", "disabledReason", "payloadFormat", "provisioningState", "scope", "status"]);
    expect(webhook.properties.properties.additionalProperties).toBe(false);
  });

  it("the error schema is ARM's { error: { code, message, details } }", () => {
    const error = doc.components.schemas.ErrorResponse.properties.error;
    expect(error.required).toEqual(["code", "message"]);
    expect(error.properties.details.items.required).toEqual(["target", "message"]);
  });

  it("events: statusCode is a string; listEvents takes $skipToken in the query", () => {
    expect(doc.components.schemas.Event.properties.eventResponseMessage.properties.statusCode.type).toBe("string");
    const parameters = doc.paths[`${WEBHOOK}/listEvents`].post.parameters.map((parameter: Json) => resolve(parameter.$ref) as Json);
    expect(parameters).toEqual([expect.objectContaining({ name: "$skipToken", in: "query", required: false })]);
  });

  it("the webhook list takes $top (1 to 1000, default 100) and $skipToken, and may answer nextLink", () => {
    const list = doc.paths["/api/registries/{registry}/webhooks"].get;
    const parameters = list.parameters.map((parameter: Json) => resolve(parameter.$ref) as Json);
    expect(parameters).toEqual([
      expect.objectContaining({ name: "$top", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } }),
      expect.objectContaining({ name: "$skipToken", in: "query", required: false }),
    ]);
    expect(doc.components.schemas.WebhookListResult.required).toEqual(["value"]);
    expect(doc.components.schemas.WebhookListResult.properties.nextLink.format).toBe("uri");
  });
});
