import { describe, expect, it } from "vitest";
import { keyFrom } from "../crypto/secret-box";
import { toWebhookColumns } from "./mapping";
import { isSealed, openWebhookSecrets } from "./stored-secrets";

const KEY = keyFrom("mapping unit test key");

const input = {
  serviceUri: "https://hooks.example.com/in?token=******",
  customHeaders: "Authorization: ******\nX-Team: platform",
  actions: ["push" as const, "delete" as const],
  status: "enabled" as const,
  scope: "app:*",
};

describe("toWebhookColumns", () => {
  it("writes what Create submitted as typed, service URI and headers encrypted", () => {
    const columns = toWebhookColumns(input, undefined, KEY);
    expect(isSealed(columns.serviceUri)).toBe(true);
    expect(isSealed(columns.customHeaders)).toBe(true);
    expect(openWebhookSecrets(columns, KEY)).toEqual({
      serviceUri: "https://hooks.example.com/in?token=******",
      customHeaders: JSON.stringify([["Authorization", "******"], ["X-Team", "platform"]]),
      actions: "push,delete",
      status: "enabled",
      scope: "app:*",
    });
  });

  it("keeps the stored secrets Configure left masked", () => {
    // The stored row as findWebhookRow returns it: already decrypted.
    const stored = {
      serviceUri: "https://hooks.example.com/in?token=abc",
      customHeaders: JSON.stringify([["Authorization", "Bearer abc"], ["X-Team", "qa"]]),
    };
    const columns = toWebhookColumns(input, stored, KEY);
    expect(columns.serviceUri).not.toContain("abc");
    expect(columns.customHeaders).not.toContain("Bearer abc");
    expect(openWebhookSecrets(columns, KEY)).toMatchObject({
      serviceUri: "https://hooks.example.com/in?token=abc",
      customHeaders: JSON.stringify([["Authorization", "Bearer abc"], ["X-Team", "platform"]]),
    });
  });
});
