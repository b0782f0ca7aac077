import { describe, expect, it } from "vitest";
import { emptyWebhookForm, fieldErrorsOf, webhookSchema, webhookUpdateSchema, type WebhookFormValues } from "./schema";

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
  { rule: "headers optional", field: "customHeaders", value: "", error: undefined },
  { rule: "headers key: value", field: "customHeaders", value: "Authorization: Bearer x\nnot a header", error: "Line 2: expected key: value" },
  { rule: "headers token names", field: "customHeaders", value: "Bad Name: x", error: /Line 1: "Bad Name" is not a valid header name/ },
  { rule: "headers reserved Host", field: "customHeaders", value: "Host: evil.example", error: /Line 1: the Host header is set by the portal/ },
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

  it("lets Configure omit the name", () => {
    const { name: _name, ...rest } = valid;
    expect(webhookUpdateSchema.safeParse(rest).success).toBe(true);
  });
});
