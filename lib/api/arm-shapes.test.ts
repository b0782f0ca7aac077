import { describe, expect, it } from "vitest";
import {
  callbackConfigSchema,
  eventResourceSchema,
  headersObject,
  toCallbackConfig,
  toEventResource,
  toWebhookResource,
  webhookResourceSchema,
  type AttemptFields,
} from "./arm-shapes";

describe("toWebhookResource", () => {
  it.each([
    { name: "hook1", actions: ["push"] as const, status: "enabled" as const, disabledReason: null, scope: "", payloadFormat: "acr" as const },
    { name: "hook2", actions: ["push", "delete"] as const, status: "disabled" as const, disabledReason: "failing" as const, scope: "hello:*", payloadFormat: "cloudevents" as const },
  ])("$name in ARM's shape, nothing secret", (item) => {
    const resource = toWebhookResource("myregistry", { ...item, actions: [...item.actions] });
    expect(resource).toEqual({
      id: `/registries/myregistry/webhooks/${item.name}`,
      name: item.name,
      type: "Microsoft.ContainerRegistry/registries/webhooks",
      properties: { status: item.status, ...(item.disabledReason ? { disabledReason: item.disabledReason } : {}), scope: item.scope, actions: [...item.actions], payloadFormat: item.payloadFormat, provisioningState: "Succeeded" },
    });
    // The schema is strict: a serviceUri or customHeaders key anywhere would fail it.
    expect(webhookResourceSchema.safeParse(resource).success).toBe(true);
    expect(JSON.stringify(resource)).not.toMatch(/serviceUri|customHeaders/);
  });

  it("is refused by its schema when a secret field slips in", () => {
    const resource = toWebhookResource("r", { name: "hook1", actions: ["push"], status: "enabled", disabledReason: null, scope: "", payloadFormat: "acr" });
    expect(webhookResourceSchema.safeParse({ ...resource, properties: { ...resource.properties, serviceUri: "https://x" } }).success).toBe(false);
  });
});

const payload = JSON.stringify({ id: "e1", timestamp: "2026-11-22T04:01:02.000Z", action: "push", target: { repository: "hello", tag: "v1" } });

const attempt = (fields: Partial<AttemptFields>): AttemptFields => ({
  requestMethod: "POST",
  requestUri: "https://******:******@hooks.example/in?token=******",
  requestHeaders: JSON.stringify([
    ["Content-Type", "application/json"],
    ["Authorization", "******"],
    ["webhook-id", "e1"],
  ]),
  responseStatus: 200,
  responseReason: "OK",
  responseHeaders: JSON.stringify([["content-type", "text/plain"]]),
  responseBody: "thanks",
  error: null,
  ...fields,
});

describe("toEventResource", () => {
  const cases: {
    rule: string;
    attempt: AttemptFields | null;
    request: Record<string, unknown>;
    response: Record<string, unknown>;
  }[] = [
    {
      rule: "delivered: request and response as stored (secrets already masked)",
      attempt: attempt({}),
      request: {
        headers: { "Content-Type": "application/json", Authorization: "******", "webhook-id": "e1" },
        method: "POST",
        requestUri: "https://******:******@hooks.example/in?token=******",
      },
      response: { content: "thanks", headers: { "content-type": "text/plain" }, reasonPhrase: "OK", statusCode: "200" },
    },
    {
      rule: "an error status",
      attempt: attempt({ responseStatus: 503, responseReason: "Service Unavailable", responseBody: "later" }),
      request: { method: "POST" },
      response: { content: "later", reasonPhrase: "Service Unavailable", statusCode: "503" },
    },
    {
      rule: "no response: statusCode empty, the reason in words",
      attempt: attempt({ responseStatus: null, responseReason: null, responseHeaders: null, responseBody: null, error: "Connection refused" }),
      request: { method: "POST" },
      response: { content: "", headers: {}, reasonPhrase: "Connection refused", statusCode: "" },
    },
    {
      rule: "not attempted yet",
      attempt: null,
      request: { headers: {}, method: "POST", requestUri: "" },
      response: { content: "", headers: {}, reasonPhrase: "", statusCode: "" },
    },
  ];

  it.each(cases)("$rule", ({ attempt: latest, request, response }) => {
    const event = toEventResource({ id: "e1", payload }, latest);
    expect(eventResourceSchema.safeParse(event).success).toBe(true);
    expect(event.id).toBe("e1");
    expect(event.eventRequestMessage).toMatchObject({ ...request, content: JSON.parse(payload), version: "1.1" });
    expect(event.eventResponseMessage).toMatchObject({ ...response, version: "1.1" });
    expect(typeof event.eventResponseMessage.statusCode).toBe("string");
  });

  it("merges a response header sent twice, keeping its first spelling", () => {
    expect(headersObject([["Set-Cookie", "a=1"], ["set-cookie", "b=2"], ["X", "y"]])).toEqual({ "Set-Cookie": "a=1, b=2", X: "y" });
  });
});

describe("toCallbackConfig", () => {
  it("reveals the URI and header values, as an object", () => {
    const config = toCallbackConfig("https://u:p@hooks.example/in?token=abc", [["Authorization", "Bearer abc"], ["X-Team", "a"]]);
    expect(config).toEqual({
      serviceUri: "https://u:p@hooks.example/in?token=abc",
      customHeaders: { Authorization: "Bearer abc", "X-Team": "a" },
    });
    expect(callbackConfigSchema.safeParse(config).success).toBe(true);
  });
});
