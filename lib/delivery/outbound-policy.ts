import net from "node:net";
import type { Allowlist } from "../config/host-allowlist";
import { BoundedMemo } from "./bounded-memo";

// Which addresses the portal may send to. Webhook URIs are typed by users, and Ping sends at
// once, so without a policy the portal is a tool for probing internal networks (Harbor's
// CVE-2020-13788). Every request is checked on the address it actually connects to.

type Range = [address: string, prefix: number, family: "ipv4" | "ipv6"];

const CATEGORIES: [reason: string, ranges: Range[]][] = [
  [
    "cloud metadata address",
    [
      ["169.254.169.254", 32, "ipv4"],
      ["169.254.170.2", 32, "ipv4"],
      ["100.100.100.200", 32, "ipv4"],
      ["fd00:ec2::254", 128, "ipv6"],
    ],
  ],
  ["loopback address", [["127.0.0.0", 8, "ipv4"], ["::1", 128, "ipv6"]]],
  ["unspecified address", [["0.0.0.0", 8, "ipv4"], ["::", 128, "ipv6"]]],
  ["private address", [["10.0.0.0", 8, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["fc00::", 7, "ipv6"]]],
  ["link-local address", [["169.254.0.0", 16, "ipv4"], ["fe80::", 10, "ipv6"]]],
  // Deprecated (RFC 3879), but still routed inside some networks, as private addresses are.
  ["site-local address", [["fec0::", 10, "ipv6"]]],
  ["carrier-grade NAT address", [["100.64.0.0", 10, "ipv4"]]],
  ["multicast address", [["224.0.0.0", 4, "ipv4"], ["ff00::", 8, "ipv6"]]],
  ["reserved address", [["240.0.0.0", 4, "ipv4"], ["192.0.0.0", 24, "ipv4"], ["198.18.0.0", 15, "ipv4"]]],
];

const blockLists = CATEGORIES.map(([reason, ranges]) => {
  const list = new net.BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return { reason, list, isMetadata: reason === "cloud metadata address" };
});

const familyOf = (address: string) => (net.isIPv6(address) ? "ipv6" : "ipv4");

type Restriction = { reason: string; isMetadata: boolean };

/** The ranges above; BlockList already judges IPv4-mapped IPv6 (::ffff:127.0.0.1) as its IPv4. */
const listedRestriction = (address: string): Restriction | null => {
  const family = familyOf(address);
  const found = blockLists.find(({ list }) => list.check(address, family));
  return found ? { reason: found.reason, isMetadata: found.isMetadata } : null;
};

/**
 * The 16 bytes of an IPv6 address. The WHATWG URL parser reads it as RFC 4291 means it (a
 * trailing dotted quad too: ::127.0.0.1 is ::7f00:1, where some libraries read ::ffff:127.0.0.1)
 * and writes it back as hex groups; a zone (%eth0) does not change the address.
 */
const ipv6Bytes = (address: string): number[] => {
  const hex = new URL(`http://[${address.replace(/%.*$/, "")}]/`).hostname.slice(1, -1);
  const [head, tail] = hex.split("::").map((part) => (part === "" ? [] : part.split(":")));
  const groups = tail === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail];
  return groups.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]);
};

const subnet = (address: string, prefix: number) => {
  const list = new net.BlockList();
  list.addSubnet(address, prefix, "ipv6");
  return list;
};
const ipv4At = (bytes: number[], at: number[]) => at.map((index) => bytes[index]).join(".");
const LAST_32_BITS = [12, 13, 14, 15];

/**
 * IPv6 forms that carry an IPv4 address and reach it, judged by that address: IPv4-compatible
 * (RFC 4291, deprecated), IPv4-translated (RFC 6145), 6to4 (RFC 3056), NAT64 (RFC 6052) and
 * Teredo (RFC 4380), whose client address is stored inverted.
 */
const EMBEDDINGS: { form: string; range: net.BlockList; ipv4: (bytes: number[]) => string }[] = [
  { form: "IPv4-compatible", range: subnet("::", 96), ipv4: (bytes) => ipv4At(bytes, LAST_32_BITS) },
  { form: "IPv4-translated", range: subnet("::ffff:0:0:0", 96), ipv4: (bytes) => ipv4At(bytes, LAST_32_BITS) },
  { form: "6to4", range: subnet("2002::", 16), ipv4: (bytes) => ipv4At(bytes, [2, 3, 4, 5]) },
  { form: "NAT64", range: subnet("64:ff9b::", 96), ipv4: (bytes) => ipv4At(bytes, LAST_32_BITS) },
  { form: "Teredo", range: subnet("2001::", 32), ipv4: (bytes) => ipv4At(bytes.map((byte) => byte ^ 0xff), LAST_32_BITS) },
];

/**
 * Local-use NAT64 (RFC 8215) puts the IPv4 address where the network's prefix length says
 * (RFC 6052: /48, /56, /64 or /96 inside it), which the portal cannot know. So the range is
 * reserved (the allowlist can open it), and a metadata address at any of those places makes
 * it a metadata address.
 */
const LOCAL_USE_NAT64 = subnet("64:ff9b:1::", 48);
const LOCAL_USE_NAT64_PLACES = [[6, 7, 9, 10], [7, 9, 10, 11], [9, 10, 11, 12], LAST_32_BITS];

const embeddedRestriction = (address: string): Restriction | null => {
  const bytes = ipv6Bytes(address);
  if (LOCAL_USE_NAT64.check(address, "ipv6")) {
    const metadata = LOCAL_USE_NAT64_PLACES.map((at) => ipv4At(bytes, at)).find((ipv4) => listedRestriction(ipv4)?.isMetadata);
    return metadata
      ? { reason: `cloud metadata address (local-use NAT64 form of ${metadata})`, isMetadata: true }
      : { reason: "reserved address (local-use NAT64)", isMetadata: false };
  }
  const embedding = EMBEDDINGS.find(({ range }) => range.check(address, "ipv6"));
  if (!embedding) return null;
  const ipv4 = embedding.ipv4(bytes);
  const inner = listedRestriction(ipv4);
  return inner && { reason: `${inner.reason} (${embedding.form} form of ${ipv4})`, isMetadata: inner.isMetadata };
};

/**
 * Verdicts already reached, by address (the answer depends on the address alone). A webhook
 * whose URI is an IP literal is checked before every request, and each BlockList check builds
 * a SocketAddress: a public address goes through all nine lists, 6 % of a delivery thread's
 * time in the burst benchmark. Bounded: emptied when it holds REMEMBERED_ADDRESSES.
 */
const REMEMBERED_ADDRESSES = 1024;
const restrictionByAddress = new BoundedMemo<string, Readonly<Restriction> | null>(REMEMBERED_ADDRESSES);

/**
 * Why `address` is not a public unicast address, or null when it is. IPv6 forms that embed an
 * IPv4 address count as that address (::ffff:127.0.0.1, ::7f00:1, 2002:7f00:1::, 64:ff9b::7f00:1).
 */
export const restrictedReason = (address: string): Restriction | null => {
  return restrictionByAddress.get(address, () => listedRestriction(address) ?? (net.isIPv6(address) ? embeddedRestriction(address) : null));
};

export type PolicyVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

export const ALLOWLIST_HINT = "Set OUTBOUND_ALLOWLIST to allow it";

/**
 * Verdicts already reached under each allowlist, by host name and address: an allowed loopback
 * receiver is checked against the allowlist's ranges before every request, and each check builds
 * a SocketAddress (4 % of a delivery thread's time in the burst benchmark after the memo above).
 * An allowlist never changes once parsed, so its verdicts hold while it lives (a WeakMap lets
 * the short-lived ones of own-receivers.ts go); bounded like the memo above.
 */
const verdictsUnder = new WeakMap<Allowlist, BoundedMemo<string, Readonly<PolicyVerdict>>>();

/**
 * Worked out: may the portal connect to `address`, reached through `hostname`? Restricted addresses
 * need the host or address on the allowlist; metadata addresses are refused even then.
 */
const reachVerdict = (address: string, hostname: string, allowlist: Allowlist): PolicyVerdict => {
  const restricted = restrictedReason(address);
  if (!restricted) return { isAllowed: true };
  const shown = `${hostname === address ? address : `${hostname} (${address})`} is a ${restricted.reason}`;
  if (restricted.isMetadata) return { isAllowed: false, reason: `${shown}, which is never allowed` };
  const isListed = allowlist.hosts.has(hostname.toLowerCase()) || allowlist.ranges.check(address, familyOf(address));
  return isListed ? { isAllowed: true } : { isAllowed: false, reason: `${shown}. ${ALLOWLIST_HINT}` };
};

/** reachVerdict, remembered per allowlist (verdictsUnder). */
export const checkAddress = (address: string, hostname: string, allowlist: Allowlist): PolicyVerdict => {
  let verdicts = verdictsUnder.get(allowlist);
  if (!verdicts) verdictsUnder.set(allowlist, (verdicts = new BoundedMemo(REMEMBERED_ADDRESSES)));
  return verdicts.get(`${hostname}\n${address}`, () => reachVerdict(address, hostname, allowlist));
};

/**
 * The verdict for every address a host name resolved to: the ones that may be connected to,
 * and, when none may, the reason the first was refused.
 */
export const checkResolved = <Entry extends { address: string }>(
  entries: readonly Entry[],
  hostname: string,
  allowlist: Allowlist,
): { allowed: Entry[]; refusal: string | null } => {
  const allowed: Entry[] = [];
  let refusal: string | null = null;
  for (const entry of entries) {
    const verdict = checkAddress(entry.address, hostname, allowlist);
    if (verdict.isAllowed) allowed.push(entry);
    else refusal ??= verdict.reason;
  }
  return { allowed, refusal: allowed.length > 0 ? null : (refusal ?? `${hostname} has no address`) };
};

/** The URL's host as an address or name, without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");
