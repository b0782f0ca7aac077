import { describe, expect, it } from "vitest";
import { parseAllowlist } from "../config/host-allowlist";
import { isOwnReceiverUrl, newReceiverId, RECEIVER_ID_PATTERN } from "../test-receivers/receiver-url";
import { allowlistFor } from "./own-receivers";
import { checkAddress } from "./outbound-policy";

// The one exception to the outbound policy: this portal's own test receivers. Decisions only.

const ID = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const PORTAL = "http://127.0.0.1:3700";

describe("isOwnReceiverUrl", () => {
  it.each([
    [`${PORTAL}/api/receivers/${ID}`, "the receiver URL as the portal writes it"],
    [`http://127.0.0.1:3700/api/receivers/${ID}?attempt=1`, "with a query string (the receiver records it)"],
    [`HTTP://127.0.0.1:3700/api/receivers/${ID}`, "an upper-case scheme"],
    [`http://127.0.0.1:3700/api/x/../receivers/${ID}`, "dot segments that resolve to the receiver's path"],
    [`http://127.0.0.1:3700/api/x/%2e%2E/receivers/${ID}`, "%2e dot segments that resolve to it"],
    [`http://0x7f.0.0.1:3700/api/receivers/${ID}`, "an IPv4 spelling the URL parser normalises to the same origin"],
  ])("%s is one (%s)", (uri) => expect(isOwnReceiverUrl(uri, PORTAL)).toBe(true));

  it.each([
    [`${PORTAL}/api/health`, "another path on the portal"],
    [`${PORTAL}/api/receivers/${ID}/`, "a trailing slash"],
    [`${PORTAL}/api/receivers/${ID}/../../health`, "dot segments that leave the receiver"],
    [`${PORTAL}/api/receivers/${ID}%2F..%2F..%2Fhealth`, "an encoded slash"],
    [`${PORTAL}/api/receivers/${ID}x`, "trailing junk on the id"],
    [`${PORTAL}/api/receivers/short`, "an id of the wrong shape"],
    [`${PORTAL}/api/receivers/${ID}#fragment`, "a fragment"],
    [`http://127.0.0.1:3701/api/receivers/${ID}`, "another port"],
    [`http://localhost:3700/api/receivers/${ID}`, "another host name for the same address"],
    [`https://127.0.0.1:3700/api/receivers/${ID}`, "another scheme"],
    [`http://user:pass@127.0.0.1:3700/api/receivers/${ID}`, "credentials"],
    [`http://127.0.0.1:3700@evil.example/api/receivers/${ID}`, "the portal's address as userinfo"],
    ["not a url", "no URL at all"],
  ])("%s is not (%s)", (uri) => expect(isOwnReceiverUrl(uri, PORTAL)).toBe(false));

  it("default ports and case are the URL parser's: https://Portal.Example:443 is https://portal.example", () => {
    expect(isOwnReceiverUrl(`https://portal.example/api/receivers/${ID}`, "https://Portal.Example:443/")).toBe(true);
    expect(isOwnReceiverUrl(`https://PORTAL.example:443/api/receivers/${ID}`, "https://portal.example")).toBe(true);
  });

  it("is never one without PORTAL_URL", () => {
    expect(isOwnReceiverUrl(`${PORTAL}/api/receivers/${ID}`, undefined)).toBe(false);
  });
});

describe("receiver ids", () => {
  it("carry 192 random bits in 32 URL-safe characters, and differ", () => {
    const ids = Array.from({ length: 50 }, newReceiverId);
    for (const id of ids) expect(id).toMatch(RECEIVER_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("allowlistFor", () => {
  const empty = parseAllowlist("");

  it("lets a request to the portal's own receiver reach the portal's loopback address", () => {
    const allowlist = allowlistFor(`${PORTAL}/api/receivers/${ID}`, empty, PORTAL);
    expect(checkAddress("127.0.0.1", "127.0.0.1", allowlist)).toEqual({ isAllowed: true });
  });

  it("leaves every other URL under the allowlist it had: other paths and ports stay refused", () => {
    for (const uri of [`${PORTAL}/api/health`, `http://127.0.0.1:3701/api/receivers/${ID}`, `${PORTAL}/api/receivers/${ID}/`]) {
      const allowlist = allowlistFor(uri, empty, PORTAL);
      expect(allowlist).toBe(empty);
      expect(checkAddress("127.0.0.1", "127.0.0.1", allowlist).isAllowed).toBe(false);
    }
  });

  it("adds only the portal's host: other loopback addresses stay refused even for a receiver URL", () => {
    const allowlist = allowlistFor(`${PORTAL}/api/receivers/${ID}`, empty, PORTAL);
    expect(checkAddress("127.0.0.2", "127.0.0.2", allowlist).isAllowed).toBe(false);
  });

  it("never opens a metadata address, even when PORTAL_URL names one", () => {
    const metadata = "http://169.254.169.254";
    const allowlist = allowlistFor(`${metadata}/api/receivers/${ID}`, empty, metadata);
    expect(checkAddress("169.254.169.254", "169.254.169.254", allowlist).isAllowed).toBe(false);
  });

  it("changes nothing without PORTAL_URL", () => {
    expect(allowlistFor(`${PORTAL}/api/receivers/${ID}`, empty, undefined)).toBe(empty);
  });
});
