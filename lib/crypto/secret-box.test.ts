import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyFrom } from "./secret-box";

describe("secret box", () => {
  const key = keyFrom("test key");

  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("whsec_abc", key);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("whsec_abc");
    expect(decryptSecret(sealed, key)).toBe("whsec_abc");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses another key or a tampered value", () => {
    const sealed = encryptSecret("whsec_abc", key);
    expect(() => decryptSecret(sealed, keyFrom("other key"))).toThrow();
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1] ^= 1;
    expect(() => decryptSecret(`v1:${bytes.toString("base64")}`, key)).toThrow();
    expect(() => decryptSecret("plain", key)).toThrow("Not an encrypted secret");
  });
});
