import { describe, expect, it } from "vitest";
import { bearerToken } from "./bearer-token";

describe("bearer tokens", () => {
  it.each([
    { header: "Bearer abc", token: "abc" },
    { header: "bearer   abc  ", token: "abc" },
    { header: "Basic abc", token: null },
    { header: "Bearer", token: null },
    { header: "Bearer a b", token: null },
    { header: null, token: null },
  ])("reads '$header'", ({ header, token }) => expect(bearerToken(header)).toBe(token));
});
