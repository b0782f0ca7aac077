import { describe, expect, it } from "vitest";
import { MAX_HEADERS, parseCustomHeaders } from "../webhooks/headers";
import { webhookSchema, webhookUpdateSchema } from "../webhooks/schema";
import {
  createValues,
  fieldErrorsToDetails,
  headersToLines,
  parseWebhookBody,
  patchValues,
  webhookCreateBodySchema,
  webhookNameProblem,
  webhookUpdateBodySchema,
} from "./webhook-input";
import { headersObject } from "./arm-shapes";

const VALID = { serviceUri: "https://hooks.example/in", actions: ["push"] };
const put = (properties: Record<string, unknown>, top: Record<string, unknown> = {}) =>
  parseWebhookBody(webhookCreateBodySchema, { ...top, properties: { ...VALID, ...properties } });

/** The form's own message for one field's value, to prove the API says the same words. */
const formMessage = (field: "serviceUri" | "actions" | "status" | "scope", value: unknown) => {
  const parsed = webhookSchema.shape[field].safeParse(value);
  if (parsed.success) throw new Error(`the form accepts ${field} = ${JSON.stringify(value)}`);
  return parsed.error.issues[0].message;
};

describe("custom headers: JSON object <-> the form's lines", () => {
  const cases: { rule: string; headers: Record<string, string>; lines: string }[] = [
    { rule: "none", headers: {}, lines: "" },
    { rule: "one", headers: { Authorization: "Bearer abc" }, lines: "Authorization: Bearer abc" },
    { rule: "order kept", headers: { "X-B": "2", "X-A": "1" }, lines: "X-B: 2\nX-A: 1" },
    { rule: "value with colons", headers: { "X-Url": "https://a.example:8443/x" }, lines: "X-Url: https://a.example:8443/x" },
    { rule: "empty value", headers: { "X-Empty": "" }, lines: "X-Empty: " },
  ];
  it.each(cases)("$rule", ({ headers, lines }) => {
    expect(headersToLines(headers)).toBe(lines);
    const parsed = parseCustomHeaders(lines);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(headersObject(parsed.headers)).toEqual(headers);
  });

  it("keeps a header named __proto__ as an ordinary key", () => {
    const headers = headersObject([["__proto__", "x"]]);
    expect(Object.keys(headers)).toEqual(["__proto__"]);
    expect(JSON.stringify(headers)).toBe('{"__proto__":"x"}');
  });
});

describe("PUT body: each invalid field under its ARM target, in the form's words", () => {
  const manyHeaders = Object.fromEntries(Array.from({ length: MAX_HEADERS + 1 }, (_, i) => [`X-H${i}`, String(i)]));
  const cases: { rule: string; properties: Record<string, unknown>; target: string; message: string }[] = [
    { rule: "service URI missing", properties: { serviceUri: undefined }, target: "properties.serviceUri", message: "Enter the service URI the webhook will POST to." },
    { rule: "service URI empty", properties: { serviceUri: "  " }, target: "properties.serviceUri", message: formMessage("serviceUri", "  ") },
    { rule: "service URI not a URL", properties: { serviceUri: "hooks" }, target: "properties.serviceUri", message: "Enter an absolute URL, for example https://example.com/webhook." },
    { rule: "service URI not http(s)", properties: { serviceUri: "ftp://hooks.example/" }, target: "properties.serviceUri", message: "The service URI must start with http:// or https://." },
    { rule: "service URI too long", properties: { serviceUri: `https://a.example/${"x".repeat(2048)}` }, target: "properties.serviceUri", message: "The service URI has at most 2048 characters." },
    { rule: "service URI with CR/LF (the URL parser would drop them)", properties: { serviceUri: "http://127.0.0.1:3945/ok\r\nX-Evil: 1" }, target: "properties.serviceUri", message: "The service URI cannot contain spaces, line breaks or control characters." },
    { rule: "service URI with a tab", properties: { serviceUri: "http://hooks.example/a\tb" }, target: "properties.serviceUri", message: "The service URI cannot contain spaces, line breaks or control characters." },
    { rule: "service URI with a C1 control", properties: { serviceUri: "http://hooks.example/a\u0085b" }, target: "properties.serviceUri", message: "The service URI cannot contain spaces, line breaks or control characters." },
    { rule: "service URI with an unpaired surrogate (stored as U+FFFD)", properties: { serviceUri: "http://hooks.example/a\ud800b" }, target: "properties.serviceUri", message: "The service URI cannot contain invisible characters (zero-width, bidirectional or soft hyphen) or unpaired surrogates." },
    { rule: "service URI with a backslash", properties: { serviceUri: "http://hooks.example\\evil/" }, target: "properties.serviceUri", message: 'The service URI cannot contain a backslash: it would be read as "/". Write "/" or %5C.' },
    { rule: "service URI not text", properties: { serviceUri: 42 }, target: "properties.serviceUri", message: formMessage("serviceUri", 42) },
    { rule: "reserved header", properties: { customHeaders: { "X-A": "1", Host: "h" } }, target: "properties.customHeaders", message: "Line 2: the Host header is set by the portal and cannot be changed" },
    { rule: "header name with a space", properties: { customHeaders: { "X A": "1" } }, target: "properties.customHeaders", message: "Line 1: \"X A\" is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only, no spaces)" },
    { rule: "header name with a colon (would hide in the lines)", properties: { customHeaders: { "X-A:b": "1" } }, target: "properties.customHeaders", message: "Line 1: \"X-A:b\" is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only, no spaces)" },
    { rule: "empty header name", properties: { customHeaders: { "": "1" } }, target: "properties.customHeaders", message: "Line 1: expected key: value" },
    { rule: "header name too long", properties: { customHeaders: { ["X".repeat(129)]: "1" } }, target: "properties.customHeaders", message: "Line 1: header names have at most 128 characters" },
    { rule: "line break in a value (would split the lines)", properties: { customHeaders: { "X-A": "1", "X-B": "a\nX-C: b" } }, target: "properties.customHeaders", message: 'Line 2: header "X-B": values cannot contain line breaks or control characters' },
    { rule: "control character in a value", properties: { customHeaders: { "X-A": "a\u0000b" } }, target: "properties.customHeaders", message: 'Line 1: header "X-A": values cannot contain line breaks or control characters' },
    { rule: "value beyond ASCII (Node cannot send it)", properties: { customHeaders: { "X-A": "1", "X-Emoji": "€ 😀" } }, target: "properties.customHeaders", message: 'Line 2: header "X-Emoji": values may contain only printable ASCII characters, spaces and tabs' },
    { rule: "C1 control character in a value", properties: { customHeaders: { "X-A": "a\u0085b" } }, target: "properties.customHeaders", message: 'Line 1: header "X-A": values cannot contain line breaks or control characters' },
    { rule: "value too long", properties: { customHeaders: { "X-A": "v".repeat(4097) } }, target: "properties.customHeaders", message: 'Line 1: header "X-A": values have at most 4096 characters' },
    { rule: "value not text", properties: { customHeaders: { "X-A": 5 } }, target: "properties.customHeaders", message: "Line 1: header values must be text" },
    { rule: "same name twice, any case", properties: { customHeaders: { "X-A": "1", "x-a": "2" } }, target: "properties.customHeaders", message: "Line 2: x-a is already set on line 1" },
    { rule: "too many headers", properties: { customHeaders: manyHeaders }, target: "properties.customHeaders", message: `Line ${MAX_HEADERS + 1}: at most ${MAX_HEADERS} custom headers are allowed` },
    { rule: "headers as text, not an object", properties: { customHeaders: "X-A: 1" }, target: "properties.customHeaders", message: 'Custom headers are a JSON object of names and values, such as {"Authorization": "Bearer ..."}.' },
    { rule: "no action", properties: { actions: [] }, target: "properties.actions", message: "Select at least one trigger action." },
    { rule: "actions missing", properties: { actions: undefined }, target: "properties.actions", message: formMessage("actions", undefined) },
    { rule: "unknown action", properties: { actions: ["push", "pull"] }, target: "properties.actions", message: 'Trigger actions are "push" and "delete".' },
    { rule: "unknown status", properties: { status: "paused" }, target: "properties.status", message: 'Status is "enabled" or "disabled".' },
    { rule: "scope with a space", properties: { scope: "hello world" }, target: "properties.scope", message: "A scope cannot contain spaces." },
    { rule: "scope with an upper-case repository", properties: { scope: "Hello:v1" }, target: "properties.scope", message: formMessage("scope", "Hello:v1") },
    { rule: "unknown payload format", properties: { payloadFormat: "slack" }, target: "properties.payloadFormat", message: 'Payload format is "acr", "cloudevents" or "chat".' },
    { rule: "payload format not text", properties: { payloadFormat: ["chat"] }, target: "properties.payloadFormat", message: 'Payload format is "acr", "cloudevents" or "chat".' },
    { rule: "unknown property", properties: { foo: 1 }, target: "properties.foo", message: '"foo" is not a webhook property; the writable ones are serviceUri, customHeaders, actions, status, scope, payloadFormat.' },
  ];

  it.each(cases)("$rule -> $target", ({ properties, target, message }) => {
    const parsed = put(properties);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.details).toEqual([{ target, message }]);
  });

  it("reports every field at fault, one detail each, unknown keys included", () => {
    const parsed = parseWebhookBody(webhookCreateBodySchema, {
      location: "westeurope",
      properties: { serviceUri: "ftp://x", customHeaders: { "X A": "1", Host: "h" }, actions: [], status: "on", scope: "a b" },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.details.map((detail) => detail.target)).toEqual([
      "properties.serviceUri",
      "properties.customHeaders",
      "properties.actions",
      "properties.status",
      "properties.scope",
      "location",
    ]);
    expect(parsed.details.at(-1)?.message).toBe('"location" is not part of a webhook; send its settings under "properties".');
  });

  it.each([
    { rule: "no properties", body: {} },
    { rule: "properties not an object", body: { properties: "x" } },
    { rule: "properties an array", body: { properties: [] } },
  ])("$rule -> properties", ({ body }) => {
    const parsed = parseWebhookBody(webhookCreateBodySchema, body);
    expect(parsed).toEqual({ ok: false, details: [{ target: "properties", message: 'Send the webhook\'s settings as an object under "properties".' }] });
  });
});

describe("PUT body: what is accepted", () => {
  it("takes defaults for the optional properties and gives the form's values", () => {
    const parsed = put({});
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const values = createValues("hook1", parsed.data);
    expect(values).toEqual({ name: "hook1", serviceUri: VALID.serviceUri, customHeaders: "", actions: ["push"], status: "enabled", scope: "", payloadFormat: "acr" });
    expect(webhookSchema.safeParse(values).success).toBe(true);
  });

  it("turns the headers object into the form's lines, trims like the form and orders actions", () => {
    const parsed = put({ serviceUri: "  https://hooks.example/in  ", customHeaders: { Authorization: " Bearer x ", "X-Team": "a" }, actions: ["delete", "push"], scope: " hello:v1 " });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const values = createValues("hook1", parsed.data);
    expect(values.serviceUri).toBe("https://hooks.example/in");
    expect(values.customHeaders).toBe("Authorization: Bearer x\nX-Team: a");
    expect(values.actions).toEqual(["push", "delete"]);
    expect(values.scope).toBe("hello:v1");
  });

  it("accepts header values of printable ASCII, spaces and tabs", () => {
    const parsed = put({ customHeaders: { "X-A": "Bearer a.b~c d\te!" } });
    expect(parsed.ok && createValues("hook1", parsed.data).customHeaders).toBe("X-A: Bearer a.b~c d\te!");
  });

  it("ignores read-only fields (a webhook read back can be sent again)", () => {
    const parsed = put(
      { provisioningState: "Succeeded" },
      { id: "/registries/r/webhooks/hook1", name: "hook1", type: "Microsoft.ContainerRegistry/registries/webhooks" },
    );
    expect(parsed.ok).toBe(true);
  });
});

describe("PATCH body", () => {
  const current = {
    serviceUri: "https://user:secret@hooks.example/in?token=abc",
    customHeaders: "Authorization: Bearer abc",
    actions: ["push", "delete"] as ("push" | "delete")[],
    status: "enabled" as const,
    scope: "hello:*",
    payloadFormat: "cloudevents" as const,
  };

  it.each([
    { rule: "nothing given keeps everything", body: {}, expected: current },
    { rule: "empty properties keep everything", body: { properties: {} }, expected: current },
    { rule: "status only (no defaults sneak in for scope)", body: { properties: { status: "disabled" } }, expected: { ...current, status: "disabled" } },
    { rule: "scope may be emptied", body: { properties: { scope: "" } }, expected: { ...current, scope: "" } },
    { rule: "headers replace all headers", body: { properties: { customHeaders: { "X-New": "1" } } }, expected: { ...current, customHeaders: "X-New: 1" } },
    { rule: "headers may be emptied", body: { properties: { customHeaders: {} } }, expected: { ...current, customHeaders: "" } },
    { rule: "service URI", body: { properties: { serviceUri: "https://other.example/" } }, expected: { ...current, serviceUri: "https://other.example/" } },
    { rule: "payload format only", body: { properties: { payloadFormat: "chat" } }, expected: { ...current, payloadFormat: "chat" } },
  ])("$rule", ({ body, expected }) => {
    const parsed = parseWebhookBody(webhookUpdateBodySchema, body);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const values = patchValues(current, parsed.data);
    expect(values).toEqual(expected);
    expect(webhookUpdateSchema.safeParse(values).success).toBe(true);
  });

  it.each([
    { properties: { actions: [] }, target: "properties.actions", message: "Select at least one trigger action." },
    { properties: { serviceUri: "" }, target: "properties.serviceUri", message: "Enter the service URI the webhook will POST to." },
    { properties: { customHeaders: { Connection: "close" } }, target: "properties.customHeaders", message: "Line 1: the Connection header is set by the portal and cannot be changed" },
    { properties: { payloadFormat: "slack" }, target: "properties.payloadFormat", message: 'Payload format is "acr", "cloudevents" or "chat".' },
    { properties: { name: "other" }, target: "properties.name", message: '"name" is not a webhook property; the writable ones are serviceUri, customHeaders, actions, status, scope, payloadFormat.' },
  ])("refuses $target", ({ properties, target, message }) => {
    expect(parseWebhookBody(webhookUpdateBodySchema, { properties })).toEqual({ ok: false, details: [{ target, message }] });
  });
});

describe("the webhook name in the path", () => {
  it.each([
    { name: "hook1", problem: null },
    { name: "a".repeat(50), problem: null },
    { name: "hook", problem: "Use 5 to 50 characters (this one has 4)." },
    { name: "a".repeat(51), problem: "Use 5 to 50 characters (this one has 51)." },
    { name: "MyHook1", problem: "Use only lowercase letters (a-z) and digits (0-9)." },
    { name: "my-hook", problem: "Use only lowercase letters (a-z) and digits (0-9)." },
    { name: " hook1", problem: "Use only lowercase letters (a-z) and digits (0-9)." },
    { name: "hook1 ", problem: "Use only lowercase letters (a-z) and digits (0-9)." },
  ])("$name", ({ name, problem }) => {
    expect(webhookNameProblem(name)).toBe(problem);
    // The form says the same about a typed name (without the surrounding spaces it trims).
    if (problem && name.trim() === name) expect(webhookSchema.shape.name.safeParse(name).error?.issues[0].message).toBe(problem);
  });
});

describe("fieldErrorsToDetails: the form's field names as ARM targets", () => {
  it.each([
    ["name", "name"],
    ["serviceUri", "properties.serviceUri"],
    ["customHeaders", "properties.customHeaders"],
    ["actions", "properties.actions"],
    ["status", "properties.status"],
    ["scope", "properties.scope"],
    ["form", "properties"],
  ])("%s -> %s", (field, target) => {
    expect(fieldErrorsToDetails({ [field]: "why" })).toEqual([{ target, message: "why" }]);
  });
});
