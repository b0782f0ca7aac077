import { describe, expect, it } from "vitest";
import { isCrossOriginServerAction } from "./server-action-origin";

const action = { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8" };
const formPost = { "content-type": "multipart/form-data; boundary=x" };

describe("isCrossOriginServerAction", () => {
  it.each<[string, string, Record<string, string>, string[]]>([
    ["another site", "POST", { ...action, host: "portal:3000", origin: "http://evil.example" }, []],
    ["the same host on another port", "POST", { ...action, host: "portal:3000", origin: "http://portal:4000" }, []],
    ["a sandboxed frame", "POST", { ...action, host: "portal:3000", origin: "null" }, []],
    ["an Origin that is not a URL", "POST", { ...action, host: "portal:3000", origin: "evil" }, []],
    ["an empty Origin", "POST", { ...action, host: "portal:3000", origin: "" }, []],
    ["a forwarded host other than the Origin", "POST", { ...action, host: "portal:3000", "x-forwarded-host": "evil.example", origin: "http://portal:3000" }, []],
    ["an Origin no host is compared with", "POST", { ...action, origin: "http://portal:3000" }, []],
    ["a multipart form post from another site", "POST", { ...formPost, host: "portal:3000", origin: "http://evil.example" }, []],
    ["another site not in allowedOrigins", "POST", { ...action, host: "portal:3000", origin: "http://evil.example" }, ["*.example.com"]],
  ])("refuses %s", (_, method, headers, allowedOrigins) => {
    expect(isCrossOriginServerAction(method, new Headers(headers), allowedOrigins)).toBe(true);
  });

  it.each<[string, string, Record<string, string>, string[]]>([
    ["the same origin", "POST", { ...action, host: "portal:3000", origin: "http://portal:3000" }, []],
    ["the same host over https (Next.js compares hosts only)", "POST", { ...action, host: "portal:3000", origin: "https://portal:3000" }, []],
    ["the first forwarded host, behind a proxy", "POST", { ...action, host: "127.0.0.1:3000", "x-forwarded-host": "portal.example.com, inner", origin: "https://portal.example.com" }, []],
    ["no Origin (not a browser)", "POST", { ...action, host: "portal:3000" }, []],
    ["a host in allowedOrigins", "POST", { ...action, host: "portal:3000", origin: "https://login.example.com" }, ["*.example.com"]],
    ["a plain JSON POST from another site (not an action)", "POST", { "content-type": "application/json", host: "portal:3000", origin: "http://evil.example" }, []],
    ["a GET with Next-Action", "GET", { ...action, host: "portal:3000", origin: "http://evil.example" }, []],
  ])("lets through %s", (_, method, headers, allowedOrigins) => {
    expect(isCrossOriginServerAction(method, new Headers(headers), allowedOrigins)).toBe(false);
  });
});
