import { describe, expect, it } from "vitest";
import { generateSigningSecret, sign, signatureHeaders } from "./webhook-signature";

describe("Standard Webhooks signatures", () => {
  it("matches the specification's published example", () => {
    // From the Standard Webhooks specification's test vectors.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    expect(sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)).toBe("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("sends id, timestamp and one signature per secret in force", () => {
    const headers = Object.fromEntries(signatureHeaders(["whsec_AAAA", "whsec_BBBB"], "id1", "{}", 1_700_000_000_000));
    expect(headers["webhook-id"]).toBe("id1");
    expect(headers["webhook-timestamp"]).toBe("1700000000");
    const signatures = headers["webhook-signature"].split(" ");
    expect(signatures).toEqual([`v1,${sign("whsec_AAAA", "id1", 1_700_000_000, "{}")}`, `v1,${sign("whsec_BBBB", "id1", 1_700_000_000, "{}")}`]);
  });

  it("adds nothing without a secret, and generates whsec_ secrets", () => {
    expect(signatureHeaders([], "id", "{}")).toEqual([]);
    expect(generateSigningSecret()).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  });
});
