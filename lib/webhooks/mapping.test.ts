import { describe, expect, it } from "vitest";
import { toWebhookColumns } from "./mapping";

const input = {
  serviceUri: "https://hooks.example.com/in?token=******",
  customHeaders: "Authorization: ******\nX-Team: platform",
  actions: ["push" as const, "delete" as const],
  status: "enabled" as const,
  scope: "app:*",
};

describe("toWebhookColumns", () => {
  it("writes what Create submitted as typed", () => {
    expect(toWebhookColumns(input)).toEqual({
      serviceUri: "https://hooks.example.com/in?token=******",
      customHeaders: JSON.stringify([["Authorization", "******"], ["X-Team", "platform"]]),
      actions: "push,delete",
      status: "enabled",
      scope: "app:*",
    });
  });

  it("keeps the stored secrets Configure left masked", () => {
    const stored = {
      serviceUri: "https://hooks.example.com/in?token=abc",
      customHeaders: JSON.stringify([["Authorization", "Bearer abc"], ["X-Team", "qa"]]),
    };
    expect(toWebhookColumns(input, stored)).toMatchObject({
      serviceUri: "https://hooks.example.com/in?token=abc",
      customHeaders: JSON.stringify([["Authorization", "Bearer abc"], ["X-Team", "platform"]]),
    });
  });
});
