import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/registries/myregistry/webhooks", "/registries/myregistry/webhooks"],
    ["/users?x=1", "/users?x=1"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example/", "/"],
    ["/\t/evil.example/", "/"],
    ["/\n/evil.example/", "/"],
    ["/%2F/evil.example/", "/%2F/evil.example/"],
    ["registries", "/"],
    [undefined, "/"],
  ])("%j goes to %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
