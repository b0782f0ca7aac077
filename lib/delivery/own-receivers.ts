import type { Allowlist } from "../config/host-allowlist";
import { isOwnReceiverUrl } from "../test-receivers/receiver-url";
import { hostOf } from "./outbound-policy";

/**
 * The allowlist a request to `uri` is sent under. The portal's own test receivers
 * (isOwnReceiverUrl: PORTAL_URL's origin, path exactly /api/receivers/<id>) are reached
 * through PORTAL_URL as written, so its host is added for that request alone, whatever it
 * resolves to (a loopback or private address included; a metadata address stays refused).
 * Any other URL, another path or port on the same host among them, keeps `allowlist`
 * unchanged. Such requests get their own connection pool (dispatchers.ts keys pools by
 * allowlist), so a socket opened for a receiver never carries another request.
 */
export const allowlistFor = (uri: string, allowlist: Allowlist, portalUrl: string | undefined): Allowlist => {
  if (!portalUrl || !isOwnReceiverUrl(uri, portalUrl)) return allowlist;
  const host = hostOf(new URL(portalUrl)).toLowerCase();
  return allowlist.hosts.has(host) ? allowlist : { hosts: new Set([...allowlist.hosts, host]), ranges: allowlist.ranges };
};
