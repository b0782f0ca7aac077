import { describe, expect, it } from "vitest";
import { bearerToken, generateToken, hashToken, tokenMatches } from "./tokens";

describe("notification tokens", () => {
  it("generates distinct, long tokens", () => {
    const a = generateToken();
    expect(a).toMatch(/^rwn_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });

  it.each([
    { presented: "secret-token-123", stored: hashToken("secret-token-123"), matches: true },
    { presented: "secret-token-124", stored: hashToken("secret-token-123"), matches: false },
    { presented: "secret-token-123", stored: "", matches: false },
    { presented: "x", stored: "not-hex", matches: false },
  ])("$presented against its hash -> $matches", ({ presented, stored, matches }) => {
    expect(tokenMatches(presented, stored)).toBe(matches);
  });

  it.each([
    { header: "Bearer abc", token: "abc" },
    { header: "bearer   abc  ", token: "abc" },
    { header: "Basic abc", token: null },
    { header: "Bearer", token: null },
    { header: "Bearer a b", token: null },
    { header: null, token: null },
  ])("reads '$header'", ({ header, token }) => expect(bearerToken(header)).toBe(token));
});
