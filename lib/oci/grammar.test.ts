import { describe, expect, it } from "vitest";
import { isDigest, isRepository, isTag } from "./grammar";

const HEX64 = "a".repeat(64);

describe("isRepository: the OCI distribution grammar, at most 255 characters", () => {
  it.each([
    { name: "app", ok: true },
    { name: "team/app", ok: true },
    { name: "a.b_c__d-e---f/g0", ok: true },
    { name: `${"a".repeat(127)}/${"b".repeat(127)}`, ok: true },
    { name: `${"a".repeat(128)}/${"b".repeat(127)}`, ok: false },
    { name: "a".repeat(500 * 1024), ok: false },
    { name: "", ok: false },
    { name: "App", ok: false },
    { name: "app/", ok: false },
    { name: "/app", ok: false },
    { name: "a//b", ok: false },
    { name: "a..b", ok: false },
    { name: "a___b", ok: false },
    { name: "-app", ok: false },
    { name: "app\u0000", ok: false },
    { name: "app\r\nX-Evil: 1", ok: false },
    { name: "app\ud800", ok: false },
    { name: "app:v1", ok: false },
  ])("$name.length characters: $ok", ({ name, ok }) => {
    expect(isRepository(name)).toBe(ok);
  });
});

describe("isTag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}", () => {
  it.each([
    { tag: "v1", ok: true },
    { tag: "_V1.2-rc_3", ok: true },
    { tag: "t".repeat(128), ok: true },
    { tag: "t".repeat(129), ok: false },
    { tag: "", ok: false },
    { tag: ".v1", ok: false },
    { tag: "-v1", ok: false },
    { tag: "v1\n", ok: false },
    { tag: "v\u00001", ok: false },
    { tag: "v1\udc00", ok: false },
    { tag: "v 1", ok: false },
  ])("$tag: $ok", ({ tag, ok }) => {
    expect(isTag(tag)).toBe(ok);
  });
});

describe("isDigest: a registry's algorithm with its exact encoding", () => {
  it.each([
    { digest: `sha256:${HEX64}`, ok: true },
    { digest: `sha384:${"c".repeat(96)}`, ok: true },
    { digest: `sha512:${"b".repeat(128)}`, ok: true },
    { digest: `blake3:${HEX64}`, ok: true },
    // The grammar allows these, but no registry digests with them: Distribution refuses them on push.
    { digest: "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8", ok: false },
    { digest: `md5:${"a".repeat(32)}`, ok: false },
    { digest: `constructor:${HEX64}`, ok: false },
    // Registered algorithms have one length, in lowercase hex.
    { digest: "sha256:abc", ok: false },
    { digest: `sha256:${"a".repeat(63)}`, ok: false },
    { digest: `sha256:${"a".repeat(65)}`, ok: false },
    { digest: `sha256:${"a".repeat(248)}`, ok: false },
    { digest: `sha256:${"A".repeat(64)}`, ok: false },
    { digest: `sha256:${"g".repeat(64)}`, ok: false },
    { digest: `sha512:${HEX64}`, ok: false },
    { digest: HEX64, ok: false },
    { digest: `SHA256:${HEX64}`, ok: false },
    { digest: "sha256:", ok: false },
    { digest: `sha256:${HEX64}\r\n`, ok: false },
    { digest: `sha256:${HEX64}\u0000`, ok: false },
    { digest: "sha256:abc/def", ok: false },
  ])("$digest: $ok", ({ digest, ok }) => {
    expect(isDigest(digest)).toBe(ok);
  });
});
