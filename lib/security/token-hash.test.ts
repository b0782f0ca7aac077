import { describe, expect, it } from "vitest";
import { hashToken, tokenMatches } from "./token-hash";

describe("token hashes", () => {
  it.each([
    { presented: "secret-token-123", stored: hashToken("secret-token-123"), matches: true },
    { presented: "secret-token-124", stored: hashToken("secret-token-123"), matches: false },
    { presented: "secret-token-123", stored: "", matches: false },
    { presented: "x", stored: "not-hex", matches: false },
  ])("$presented against its hash -> $matches", ({ presented, stored, matches }) => {
    expect(tokenMatches(presented, stored)).toBe(matches);
  });
});
