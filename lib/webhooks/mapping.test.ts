import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyFrom } from "../crypto/secret-box";
import { disabledReasonOf, statusChangeColumns, toWebhookColumns } from "./mapping";
import { isSealed, openWebhook } from "./stored-secrets";

const KEY = keyFrom("mapping unit test key");

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The written columns as a stored row (an unsigned webhook), to open them. */
const open = (columns: ReturnType<typeof toWebhookColumns>) => openWebhook({ ...columns, signingSecret: "", previousSigningSecret: "" }, KEY);

const input = {
  serviceUri: "https://hooks.example.com/in?token=******",
  customHeaders: "Authorization: ******\nX-Team: platform",
  actions: ["push" as const, "delete" as const],
  status: "enabled" as const,
  scope: "app:*",
  payloadFormat: "chat" as const,
};

describe("toWebhookColumns", () => {
  it("writes what Create submitted as typed, service URI and headers encrypted", () => {
    const columns = toWebhookColumns(input, undefined, KEY);
    expect(isSealed(columns.serviceUri)).toBe(true);
    expect(isSealed(columns.customHeaders)).toBe(true);
    expect(open(columns)).toEqual({
      serviceUri: "https://hooks.example.com/in?token=******",
      customHeaders: [["Authorization", "******"], ["X-Team", "platform"]],
      serviceUriHash: sha256("https://hooks.example.com/in?token=******"),
      signingSecret: "",
      previousSigningSecret: "",
      actions: "push,delete",
      status: "enabled",
      scope: "app:*",
      payloadFormat: "chat",
    });
  });

  it("keeps the stored secrets Configure left masked", () => {
    // The current secrets as findWebhookRow gives them: opened.
    const current = {
      serviceUri: "https://hooks.example.com/in?token=abc",
      customHeaders: [["Authorization", "Bearer abc"], ["X-Team", "qa"]] satisfies [string, string][],
    };
    const columns = toWebhookColumns(input, current, KEY);
    expect(columns.serviceUri).not.toContain("abc");
    expect(columns.customHeaders).not.toContain("Bearer abc");
    expect(open(columns)).toMatchObject({
      serviceUri: "https://hooks.example.com/in?token=abc",
      customHeaders: [["Authorization", "Bearer abc"], ["X-Team", "platform"]],
    });
    // The URI kept: so is its hash (Redeliver still sends events recorded before).
    expect(columns.serviceUriHash).toBe(sha256("https://hooks.example.com/in?token=abc"));
  });

  it("stores the hash of the new service URI when Configure changes it", () => {
    const current = { serviceUri: "https://hooks.example.com/in?token=abc", customHeaders: [] };
    const changed = { ...input, serviceUri: "https://other.example.com/hook" };
    const columns = toWebhookColumns(changed, current, KEY);
    expect(columns.serviceUriHash).toBe(sha256("https://other.example.com/hook"));
    expect(columns.serviceUriHash).not.toBe(sha256(current.serviceUri));
    expect(open(columns).serviceUri).toBe("https://other.example.com/hook");
  });
});

describe("an admin's status change", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  it.each([
    ["creating enabled", "enabled", null, { status: "enabled", disabledReason: "", disabledAt: null, consecutiveFailures: 0 }],
    ["creating disabled", "disabled", null, { status: "disabled", disabledReason: "admin", disabledAt: now }],
    ["disabling", "disabled", "enabled", { status: "disabled", disabledReason: "admin", disabledAt: now }],
    ["enabling (also one disabled as failing): the count starts again", "enabled", "disabled", { status: "enabled", disabledReason: "", disabledAt: null, consecutiveFailures: 0 }],
    ["saving a disabled one as disabled keeps its reason", "disabled", "disabled", {}],
    ["saving an enabled one as enabled leaves the count alone", "enabled", "enabled", {}],
  ] as const)("%s", (_, next, current, expected) => {
    expect(statusChangeColumns(next, current, now)).toEqual(expected);
  });

  it.each([
    ["enabled", "", null],
    ["enabled", "failing", null],
    ["disabled", "failing", "failing"],
    ["disabled", "admin", "admin"],
    // Rows disabled before the column existed were disabled by an admin.
    ["disabled", "", "admin"],
  ] as const)("status %s with reason %j reads as %j", (status, stored, reason) => {
    expect(disabledReasonOf(status, stored)).toBe(reason);
  });
});
