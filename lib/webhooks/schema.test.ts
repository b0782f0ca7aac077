import { describe, expect, it } from "vitest";
import { emptyWebhookForm, webhookSchema, webhookUpdateSchema, type WebhookFormValues } from "./schema";
import { fieldErrorsOf } from "../forms/field-errors";

const valid: WebhookFormValues = {
  ...emptyWebhookForm,
  name: "webhook1",
  serviceUri: "https://example.com/hook",
  actions: ["push"],
};

const errorsFor = (patch: Partial<Record<keyof WebhookFormValues, unknown>>) => {
  const result = webhookSchema.safeParse({ ...valid, ...patch });
  return result.success ? {} : fieldErrorsOf(result.error);
};

type Case = { rule: string; field: keyof WebhookFormValues; value: unknown; error?: string | RegExp };

// Each rule of the spec's form table (and its extra rules) has a passing and a failing case.
const cases: Case[] = [
  { rule: "name required", field: "name", value: "", error: "Enter a webhook name." },
  { rule: "name lowercase and digits", field: "name", value: "web_hook1", error: "Use only lowercase letters (a-z) and digits (0-9)." },
  { rule: "name no uppercase", field: "name", value: "WebHook1", error: /lowercase letters/ },
  { rule: "name at least 5", field: "name", value: "hook", error: "Use 5 to 50 characters (this one has 4)." },
  { rule: "name at most 50", field: "name", value: "a".repeat(51), error: /Use 5 to 50 characters/ },
  { rule: "name of 5 passes", field: "name", value: "abc12", error: undefined },
  { rule: "name of 50 passes", field: "name", value: "a".repeat(50), error: undefined },
  { rule: "service URI required", field: "serviceUri", value: "", error: /Enter the service URI/ },
  { rule: "service URI absolute", field: "serviceUri", value: "/relative/path", error: /absolute URL/ },
  { rule: "service URI http(s) only", field: "serviceUri", value: "ftp://example.com/x", error: /http:\/\/ or https:\/\// },
  { rule: "service URI http passes", field: "serviceUri", value: "http://127.0.0.1:8080/hook?x=1", error: undefined },
  { rule: "service URI length cap", field: "serviceUri", value: `https://e.com/${"a".repeat(2048)}`, error: /at most 2048/ },
  { rule: "service URI with an encoded space passes", field: "serviceUri", value: "https://e.com/a%20b?q=x%0Ay", error: undefined },
  { rule: "service URI no line break (the URL parser would drop it)", field: "serviceUri", value: "http://127.0.0.1:3945/ok\r\nX-Evil: 1", error: "The service URI cannot contain spaces, line breaks or control characters." },
  { rule: "service URI no tab", field: "serviceUri", value: "http://e.com/a\tb", error: /cannot contain spaces, line breaks or control characters/ },
  { rule: "service URI no space", field: "serviceUri", value: "http://e.com/a b", error: /cannot contain spaces/ },
  { rule: "service URI no NUL", field: "serviceUri", value: "http://e.com/a\u0000b", error: /control characters/ },
  { rule: "service URI no DEL", field: "serviceUri", value: "http://e.com/a\u007fb", error: /control characters/ },
  { rule: "service URI no C1 control", field: "serviceUri", value: "http://e.com/a\u0085b", error: /control characters/ },
  { rule: "service URI no Unicode space", field: "serviceUri", value: "http://e.com/a\u2028b", error: /cannot contain spaces/ },
  { rule: "service URI no line break in the host", field: "serviceUri", value: "http://e.c\nom/", error: /line breaks/ },
  // The URL parser changes these unseen: the address sent would not be the one stored and shown.
  { rule: "service URI no zero-width space (IDNA drops it from a host)", field: "serviceUri", value: "http://exa\u200bmple.com/", error: "The service URI cannot contain invisible characters (zero-width, bidirectional or soft hyphen) or unpaired surrogates." },
  { rule: "service URI no soft hyphen", field: "serviceUri", value: "http://exa\u00admple.com/", error: /invisible characters/ },
  { rule: "service URI no bidirectional override", field: "serviceUri", value: "http://e.com/a\u202eb", error: /invisible characters/ },
  { rule: "service URI no unpaired surrogate (sent as U+FFFD)", field: "serviceUri", value: "http://e.com/a\ud800b", error: /unpaired surrogates/ },
  { rule: "service URI no backslash (read as /)", field: "serviceUri", value: "http://e.com\\evil/", error: 'The service URI cannot contain a backslash: it would be read as "/". Write "/" or %5C.' },
  { rule: "service URI with an emoji and an IDN host passes", field: "serviceUri", value: "https://bücher.example/😀", error: undefined },
  { rule: "service URI surrounding spaces are trimmed, not refused", field: "serviceUri", value: " https://e.com/hook\n", error: undefined },
  { rule: "headers optional", field: "customHeaders", value: "", error: undefined },
  { rule: "headers key: value", field: "customHeaders", value: "Authorization: Bearer x\nnot a header", error: "Line 2: expected key: value" },
  { rule: "headers token names", field: "customHeaders", value: "Bad Name: x", error: /Line 1: "Bad Name" is not a valid header name/ },
  { rule: "headers reserved Host", field: "customHeaders", value: "Host: evil.example", error: /Line 1: the Host header is set by the portal/ },
  { rule: "headers printable ASCII only", field: "customHeaders", value: "X-Emoji: € 😀", error: 'Line 1: header "X-Emoji": values may contain only printable ASCII characters, spaces and tabs' },
  { rule: "headers no control characters", field: "customHeaders", value: "X-A: a\u0001b", error: 'Line 1: header "X-A": values cannot contain line breaks or control characters' },
  { rule: "headers valid pair", field: "customHeaders", value: "X-Token: abc\r\nAuthorization: Basic Zm9v", error: undefined },
  { rule: "actions at least one", field: "actions", value: [], error: "Select at least one trigger action." },
  { rule: "actions known only", field: "actions", value: ["push", "pull"], error: /"push" and "delete"/ },
  { rule: "actions both pass", field: "actions", value: ["delete", "push"], error: undefined },
  { rule: "status enabled/disabled", field: "status", value: "paused", error: /"enabled" or "disabled"/ },
  { rule: "status disabled passes", field: "status", value: "disabled", error: undefined },
  { rule: "scope optional", field: "scope", value: "", error: undefined },
  { rule: "scope repo:tag", field: "scope", value: "hello-world:v1", error: undefined },
  { rule: "scope bad repository", field: "scope", value: "Hello:v1", error: /"Hello" is not a valid repository name/ },
  { rule: "scope bad tag", field: "scope", value: "hello:-v1", error: /"-v1" is not a valid tag/ },
  { rule: "payload format CloudEvents passes", field: "payloadFormat", value: "cloudevents", error: undefined },
  { rule: "payload format chat passes", field: "payloadFormat", value: "chat", error: undefined },
  { rule: "payload format unknown", field: "payloadFormat", value: "slack", error: 'Payload format is "acr", "cloudevents" or "chat".' },
  { rule: "payload format not text", field: "payloadFormat", value: 3, error: 'Payload format is "acr", "cloudevents" or "chat".' },
];

describe("webhookSchema", () => {
  it.each(cases)("$rule", ({ field, value, error }) => {
    const errors = errorsFor({ [field]: value });
    if (error === undefined) expect(errors).toEqual({});
    else expect(errors[field]).toMatch(error);
  });

  it("refuses a body that is not an object of strings, per field", () => {
    const result = webhookSchema.safeParse({ name: 12, serviceUri: null, actions: "push", status: true });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["actions", "customHeaders", "name", "scope", "serviceUri", "status"]);
  });

  it("trims text fields and orders actions push, delete", () => {
    const parsed = webhookSchema.parse({ ...valid, name: " webhook1 ", scope: " repo:* ", actions: ["delete", "push"] });
    expect(parsed).toMatchObject({ name: "webhook1", scope: "repo:*", actions: ["push", "delete"] });
  });

  it("takes ACR's format when none is given (webhooks from before the field)", () => {
    const { payloadFormat: _format, ...rest } = valid;
    expect(webhookSchema.parse(rest).payloadFormat).toBe("acr");
  });

  it("lets Configure omit the name", () => {
    const { name: _name, ...rest } = valid;
    expect(webhookUpdateSchema.safeParse(rest).success).toBe(true);
  });
});
