import { describe, expect, it } from "vitest";
import { parseAllowlist } from "../config/host-allowlist";
import { checkAddress, checkResolved, hostOf, restrictedReason } from "./outbound-policy";

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
    { address: "fec0::1", reason: "site-local address" },
    { address: "feff:ffff::1", reason: "site-local address" },
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

  it("gives the same verdicts when asked again, also after more addresses than it remembers", () => {
    const asked = ["127.0.0.1", "8.8.8.8", "::ffff:169.254.169.254", "10.1.2.3"];
    const first = asked.map((address) => restrictedReason(address)?.reason ?? null);
    for (let n = 0; n < 3000; n += 1) restrictedReason(`11.${(n >> 8) & 255}.${n & 255}.1`);
    for (let round = 0; round < 2; round += 1) {
      expect(asked.map((address) => restrictedReason(address)?.reason ?? null)).toEqual(first);
    }
    expect(first).toEqual(["loopback address", null, "cloud metadata address", "private address"]);
    expect(restrictedReason("10.255.0.1")?.reason).toBe("private address");
  });
});

// Teredo keeps its client's IPv4 address inverted in the last 32 bits (server 65.54.227.120 here).
const teredo = (client: string) =>
  `2001:0:4136:e378:8000:63bf:${[0, 2].map((at) => client.split(".").slice(at, at + 2).map((octet) => (Number(octet) ^ 0xff).toString(16).padStart(2, "0")).join("")).join(":")}`;

describe("IPv6 forms that embed an IPv4 address are judged by it", () => {
  it.each([
    { address: "::127.0.0.1", reason: "loopback address (IPv4-compatible form of 127.0.0.1)" },
    { address: "::7f00:1", reason: "loopback address (IPv4-compatible form of 127.0.0.1)" },
    { address: "0:0:0:0:0:0:7F00:0001", reason: "loopback address (IPv4-compatible form of 127.0.0.1)" },
    { address: "2002:7f00:0001:0000:0000:0000:0000:0000%eth0", reason: "loopback address (6to4 form of 127.0.0.1)" },
    { address: "::a00:1", reason: "private address (IPv4-compatible form of 10.0.0.1)" },
    { address: "::ffff:0:7f00:1", reason: "loopback address (IPv4-translated form of 127.0.0.1)" },
    { address: "2002:7f00:1::", reason: "loopback address (6to4 form of 127.0.0.1)" },
    { address: "2002:c0a8:101:5::1", reason: "private address (6to4 form of 192.168.1.1)" },
    { address: "2002:a9fe:a9fe::", reason: "cloud metadata address (6to4 form of 169.254.169.254)" },
    { address: "64:ff9b::7f00:1", reason: "loopback address (NAT64 form of 127.0.0.1)" },
    { address: "64:ff9b::10.1.2.3", reason: "private address (NAT64 form of 10.1.2.3)" },
    { address: "64:ff9b::a9fe:a9fe", reason: "cloud metadata address (NAT64 form of 169.254.169.254)" },
    { address: "64:ff9b:1::808:808", reason: "reserved address (local-use NAT64)" },
    { address: "64:ff9b:1::a9fe:a9fe", reason: "cloud metadata address (local-use NAT64 form of 169.254.169.254)" },
    { address: "64:ff9b:1:a9fe:a9:fe00::", reason: "cloud metadata address (local-use NAT64 form of 169.254.169.254)" },
    { address: teredo("127.0.0.1"), reason: "loopback address (Teredo form of 127.0.0.1)" },
    { address: teredo("169.254.169.254"), reason: "cloud metadata address (Teredo form of 169.254.169.254)" },
  ])("$address is a $reason", ({ address, reason }) => {
    expect(restrictedReason(address)).toEqual({ reason, isMetadata: reason.startsWith("cloud metadata") });
  });

  it.each(["::808:808", "2002:808:808::", "2002:5db8:d822:1::1", "64:ff9b::808:808", teredo("8.8.8.8")])(
    "%s embeds a public address and is public",
    (address) => expect(restrictedReason(address)).toBeNull(),
  );

  it("reads the Teredo client address inverted", () => {
    expect(teredo("127.0.0.1")).toBe("2001:0:4136:e378:8000:63bf:80ff:fffe");
  });
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

  it.each([
    { uri: "http://[::127.0.0.1]/", host: "::7f00:1" },
    { uri: "http://[2002:7f00:1::]/", host: "2002:7f00:1::" },
    { uri: "http://[64:ff9b::127.0.0.1]/", host: "64:ff9b::7f00:1" },
  ])("$uri -> $host (loopback, embedded)", ({ uri, host }) => {
    expect(hostOf(new URL(uri))).toBe(host);
    expect(restrictedReason(host)?.reason).toMatch(/^loopback address \(.* form of 127\.0\.0\.1\)$/);
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

  it("names the embedded address and keeps metadata refused", () => {
    expect(checkAddress("2002:a9fe:a9fe::", "2002:a9fe:a9fe::", parseAllowlist("2002::/16"))).toEqual({
      isAllowed: false,
      reason: "2002:a9fe:a9fe:: is a cloud metadata address (6to4 form of 169.254.169.254), which is never allowed",
    });
    expect(checkAddress("::7f00:1", "::7f00:1", none)).toEqual({
      isAllowed: false,
      reason: "::7f00:1 is a loopback address (IPv4-compatible form of 127.0.0.1). Set OUTBOUND_ALLOWLIST to allow it",
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
    { allowlist: "::7f00:1", address: "::7f00:1", host: "::7f00:1", isAllowed: true },
    { allowlist: "64:ff9b:1::/48", address: "64:ff9b:1::808:808", host: "64:ff9b:1::808:808", isAllowed: true },
    { allowlist: "2002::/16", address: "2002:a9fe:a9fe::", host: "2002:a9fe:a9fe::", isAllowed: false },
    { allowlist: "64:ff9b::/96", address: "64:ff9b::a9fe:a9fe", host: "64:ff9b::a9fe:a9fe", isAllowed: false },
    { allowlist: "64:ff9b:1::/48", address: "64:ff9b:1::a9fe:a9fe", host: "64:ff9b:1::a9fe:a9fe", isAllowed: false },
    { allowlist: "2001::/32", address: teredo("169.254.169.254"), host: "teredo.example", isAllowed: false },
  ])("allowlist $allowlist: $host ($address) -> $isAllowed", ({ allowlist, address, host, isAllowed }) => {
    expect(checkAddress(address, host, parseAllowlist(allowlist)).isAllowed).toBe(isAllowed);
  });

  it("remembers each verdict under its own allowlist and host name, also past the number it remembers", () => {
    const loopback = parseAllowlist("127.0.0.1");
    const named = parseAllowlist("receiver.internal");
    const ask = () => [
      checkAddress("127.0.0.1", "127.0.0.1", loopback).isAllowed,
      checkAddress("127.0.0.1", "127.0.0.1", none).isAllowed,
      checkAddress("127.0.0.1", "127.0.0.1", named).isAllowed,
      checkAddress("127.0.0.1", "receiver.internal", named).isAllowed,
      checkAddress("127.0.0.1", "other.internal", named).isAllowed,
    ];
    const expected = [true, false, false, true, false];
    expect(ask()).toEqual(expected);
    for (let n = 0; n < 3000; n += 1) checkAddress(`10.${(n >> 8) & 255}.${n & 255}.1`, "many.internal", named);
    expect(ask()).toEqual(expected);
    expect(ask()).toEqual(expected);
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
