import { describe, expect, it } from "vitest";
import { checkAddress, checkResolved, hostOf, parseAllowlist, restrictedReason } from "./outbound-policy";

// Decisions only: nothing here connects anywhere.
describe("restrictedReason", () => {
  it.each([
    { address: "127.0.0.1", reason: "loopback address" },
    { address: "127.255.0.9", reason: "loopback address" },
    { address: "::1", reason: "loopback address" },
    { address: "::ffff:127.0.0.1", reason: "loopback address" },
    { address: "::ffff:7f00:1", reason: "loopback address" },
    { address: "10.1.2.3", reason: "private address" },
    { address: "172.16.0.1", reason: "private address" },
    { address: "172.31.255.255", reason: "private address" },
    { address: "192.168.1.1", reason: "private address" },
    { address: "::ffff:192.168.1.1", reason: "private address" },
    { address: "fd12:3456::1", reason: "private address" },
    { address: "169.254.10.1", reason: "link-local address" },
    { address: "fe80::1", reason: "link-local address" },
    { address: "100.64.0.1", reason: "carrier-grade NAT address" },
    { address: "100.127.255.254", reason: "carrier-grade NAT address" },
    { address: "224.0.0.1", reason: "multicast address" },
    { address: "ff02::1", reason: "multicast address" },
    { address: "0.0.0.0", reason: "unspecified address" },
    { address: "::", reason: "unspecified address" },
    { address: "169.254.169.254", reason: "cloud metadata address" },
    { address: "::ffff:169.254.169.254", reason: "cloud metadata address" },
    { address: "fd00:ec2::254", reason: "cloud metadata address" },
    { address: "100.100.100.200", reason: "cloud metadata address" },
  ])("$address is a $reason", ({ address, reason }) => {
    expect(restrictedReason(address)?.reason).toBe(reason);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => expect(restrictedReason(address)).toBeNull(),
  );
});

describe("numeric host forms normalise before the check", () => {
  it.each([
    { uri: "http://2130706433/", host: "127.0.0.1" },
    { uri: "http://0x7f.1/", host: "127.0.0.1" },
    { uri: "http://017700000001/", host: "127.0.0.1" },
    { uri: "http://127.1/", host: "127.0.0.1" },
    { uri: "http://[::ffff:127.0.0.1]/", host: "::ffff:7f00:1" },
    { uri: "http://[::1]:8080/x", host: "::1" },
  ])("$uri -> $host (a loopback address)", ({ uri, host }) => {
    expect(hostOf(new URL(uri))).toBe(host);
    expect(restrictedReason(host)?.reason).toBe("loopback address");
  });
});

describe("checkAddress", () => {
  const none = parseAllowlist("");
  it("refuses restricted addresses and says which variable allows them", () => {
    expect(checkAddress("127.0.0.1", "localhost", none)).toEqual({
      isAllowed: false,
      reason: "localhost (127.0.0.1) is a loopback address. Set OUTBOUND_ALLOWLIST to allow it",
    });
    expect(checkAddress("10.0.0.5", "10.0.0.5", none)).toEqual({
      isAllowed: false,
      reason: "10.0.0.5 is a private address. Set OUTBOUND_ALLOWLIST to allow it",
    });
  });

  it("allows public addresses", () => {
    expect(checkAddress("93.184.216.34", "example.com", none)).toEqual({ isAllowed: true });
  });

  it.each([
    { allowlist: "127.0.0.1", address: "127.0.0.1", host: "127.0.0.1", isAllowed: true },
    { allowlist: "127.0.0.1", address: "::ffff:127.0.0.1", host: "::ffff:7f00:1", isAllowed: true },
    { allowlist: "127.0.0.1", address: "127.0.0.2", host: "127.0.0.2", isAllowed: false },
    { allowlist: "10.0.0.0/8", address: "10.9.9.9", host: "10.9.9.9", isAllowed: true },
    { allowlist: "internal.example", address: "10.9.9.9", host: "internal.example", isAllowed: true },
    { allowlist: "internal.example", address: "10.9.9.9", host: "other.example", isAllowed: false },
    { allowlist: "[::1]", address: "::1", host: "::1", isAllowed: true },
    { allowlist: "169.254.0.0/16", address: "169.254.169.254", host: "169.254.169.254", isAllowed: false },
    { allowlist: "metadata.internal", address: "169.254.169.254", host: "metadata.internal", isAllowed: false },
  ])("allowlist $allowlist: $host ($address) -> $isAllowed", ({ allowlist, address, host, isAllowed }) => {
    expect(checkAddress(address, host, parseAllowlist(allowlist)).isAllowed).toBe(isAllowed);
  });
});

describe("checkResolved", () => {
  const none = parseAllowlist("");
  const entries = (...addresses: string[]) => addresses.map((address) => ({ address }));
  it.each([
    { addresses: entries("93.184.216.34", "10.0.0.1"), allowed: ["93.184.216.34"], refusal: null },
    { addresses: entries("10.0.0.1", "127.0.0.1"), allowed: [], refusal: "h.example (10.0.0.1) is a private address. Set OUTBOUND_ALLOWLIST to allow it" },
    { addresses: entries(), allowed: [], refusal: "h.example has no address" },
  ])("$addresses", ({ addresses, allowed, refusal }) => {
    const verdict = checkResolved(addresses, "h.example", none);
    expect(verdict.allowed.map((entry) => entry.address)).toEqual(allowed);
    expect(verdict.refusal).toBe(refusal);
  });
});

describe("parseAllowlist", () => {
  it.each(["http://x", "10.0.0.0/33", "a b"])("refuses %s", (text) => {
    expect(() => parseAllowlist(text)).toThrow();
  });
});
