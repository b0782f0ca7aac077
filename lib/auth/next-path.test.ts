import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/registries/myregistry/webhooks", "/registries/myregistry/webhooks"],
    ["/users?x=1", "/users?x=1"],
    ["/ok/path?x=1#y", "/ok/path?x=1#y"],
    ["/registries/./myregistry/../other", "/registries/other"],
    ["/a/b/../../users", "/users"],
    // Escaped, they name a path on this portal: the browser does not decode them before resolving.
    ["/%2F/evil.example/", "/%2F/evil.example/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%0a/evil.example", "/%0a/evil.example"],
    ["/ünïcode", "/%C3%BCn%C3%AFcode"],
  ])("%j stays on the portal as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    // Another origin outright.
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "//evil.example/",
    "///evil.example/",
    // Backslashes are slashes to a browser.
    "/\\evil.example/",
    "/\\/evil.example/",
    "\\\\evil.example",
    // Browsers drop tabs and newlines, and ignore leading control characters.
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "\t//evil.example/",
    "/\u0000/evil.example",
    // Dot segments that resolve to a path starting "//", which then reads as a host.
    "/..//evil.example/phish",
    "/.//evil.example/phish",
    "/./..//evil.example",
    "/%2e%2e//evil.example/phish",
    "/%2E%2E//evil.example",
    "/.%2e//evil.example",
    "/%2e//evil.example",
    "/registries/../..//evil.example",
    "/a/..//evil.example",
    // Not a path at all.
    "%2F%2Fevil.example",
    "registries",
    "",
    " /evil.example",
  ])("%j goes home", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it.each([undefined, null, 42, ["/users"], { path: "/users" }])("%j (not a string) goes home", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it.each(["/registries?next=//evil.example", "/users#/\\evil", "/profile?q=%2F%2Fevil"])(
    "%j: whatever it returns resolves to itself on the portal",
    (next) => {
      const path = safeNextPath(next);
      const resolved = new URL(path, "http://portal.invalid");
      expect(resolved.origin).toBe("http://portal.invalid");
      expect(`${resolved.pathname}${resolved.search}${resolved.hash}`).toBe(path);
    },
  );
});
