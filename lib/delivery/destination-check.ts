import "server-only";
import dns from "node:dns/promises";
import net from "node:net";
import type { Allowlist } from "../config/host-allowlist";
import { checkAddress, checkResolved, hostOf } from "./outbound-policy";
import { allowlistFor } from "./own-receivers";

const LOOKUP_TIMEOUT_MS = 2000;

/**
 * Why deliveries to `uri` would be refused by the outbound policy, or null. Used to warn on
 * the webhook's page when it is created or changed; every request is checked again when sent.
 */
export const blockedReason = async (uri: string, baseAllowlist: Allowlist, portalUrl?: string): Promise<string | null> => {
  // The portal's own test receivers are allowed as sending allows them (own-receivers.ts).
  const allowlist = allowlistFor(uri, baseAllowlist, portalUrl);
  const host = hostOf(new URL(uri));
  if (net.isIP(host)) {
    const verdict = checkAddress(host, host, allowlist);
    return verdict.isAllowed ? null : verdict.reason;
  }
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS).unref());
  const addresses = await Promise.race([dns.lookup(host, { all: true }).catch(() => null), timeout]);
  // Unresolvable now says nothing about later: only a refusal is worth a warning.
  if (!addresses || addresses.length === 0) return null;
  return checkResolved(addresses, host, allowlist).refusal;
};
