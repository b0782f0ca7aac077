import "server-only";
import dns from "node:dns/promises";
import net from "node:net";
import { checkAddress, hostOf, type Allowlist } from "./outbound-policy";

const LOOKUP_TIMEOUT_MS = 2000;

/**
 * Why deliveries to `uri` would be refused by the outbound policy, or null. Used to warn on
 * the webhook's page when it is created or changed; every request is checked again when sent.
 */
export const blockedReason = async (uri: string, allowlist: Allowlist): Promise<string | null> => {
  const host = hostOf(new URL(uri));
  const verdictFor = (address: string) => checkAddress(address, host, allowlist);
  if (net.isIP(host)) {
    const verdict = verdictFor(host);
    return verdict.isAllowed ? null : verdict.reason;
  }
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS).unref());
  const addresses = await Promise.race([dns.lookup(host, { all: true }).catch(() => null), timeout]);
  if (!addresses || addresses.length === 0) return null;
  const verdicts = addresses.map(({ address }) => verdictFor(address));
  if (verdicts.some((verdict) => verdict.isAllowed)) return null;
  const refused = verdicts[0];
  return refused.isAllowed ? null : refused.reason;
};
