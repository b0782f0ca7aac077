import net from "node:net";

// The grammar of OUTBOUND_ALLOWLIST (read by lib/env.ts, applied by lib/delivery/outbound-policy.ts).

const familyOf = (address: string) => (net.isIPv6(address) ? "ipv6" : "ipv4");

export type Allowlist = { hosts: Set<string>; ranges: net.BlockList };

/** OUTBOUND_ALLOWLIST: comma-separated host names, IP addresses and CIDR ranges. Throws on bad entries. */
export const parseAllowlist = (text: string): Allowlist => {
  const hosts = new Set<string>();
  const ranges = new net.BlockList();
  for (const raw of text.split(",").map((entry) => entry.trim()).filter(Boolean)) {
    const entry = raw.replace(/^\[(.*)\]$/, "$1");
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr && net.isIP(cidr[1])) {
      const family = familyOf(cidr[1]);
      const prefix = Number(cidr[2]);
      if (prefix > (family === "ipv4" ? 32 : 128)) throw new Error(`"${raw}" has a prefix longer than the address`);
      ranges.addSubnet(cidr[1], prefix, family);
    } else if (net.isIP(entry)) {
      ranges.addAddress(entry, familyOf(entry));
    } else if (/^[a-z0-9.-]+$/i.test(entry)) {
      hosts.add(entry.toLowerCase());
    } else {
      throw new Error(`"${raw}" is not a host name, IP address or CIDR range`);
    }
  }
  return { hosts, ranges };
};
