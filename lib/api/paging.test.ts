import { describe, expect, it } from "vitest";
import { decodeSkipToken, encodeSkipToken, parseTop } from "./paging";

describe("$top", () => {
  it.each([
    [null, 100],
    ["1", 1],
    ["42", 42],
    ["1000", 1000],
    ["0", null],
    ["-1", null],
    ["01", null],
    ["1.5", null],
    ["ten", null],
    ["1001", null],
    ["", null],
  ])("%j is %j (default 100, at most 1000)", (text, expected) => {
    expect(parseTop(text, 100, 1000)).toBe(expected);
  });
});

describe("$skipToken", () => {
  it.each(["hook00001", "12345", "webhookname"])("%j round-trips through an opaque token", (key) => {
    const token = encodeSkipToken(key);
    expect(token).not.toContain(key);
    expect(decodeSkipToken(token)).toBe(key);
  });

  it.each(["", "not a token", "aGVsbG8", "%%%", "x".repeat(401)])("%j is refused", (token) => {
    expect(decodeSkipToken(token)).toBeNull();
  });
});
