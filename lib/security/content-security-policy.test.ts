import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

describe("contentSecurityPolicy", () => {
  it.each([
    [true, false],
    [false, true],
  ])("production=%s allows eval: %s, and never inline scripts", (isProduction, allowsEval) => {
    const policy = contentSecurityPolicy("abc123", isProduction);
    const scripts = policy.split("; ").find((directive) => directive.startsWith("script-src"))!;
    expect(scripts).toContain("'nonce-abc123'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts.includes("'unsafe-eval'")).toBe(allowsEval);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
