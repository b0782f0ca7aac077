import { describe, expect, it } from "vitest";
import { generateToken } from "./tokens";

describe("notification tokens", () => {
  it("generates distinct, long tokens", () => {
    const a = generateToken();
    expect(a).toMatch(/^rwn_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });
});
