import { describe, expect, it } from "vitest";
import { MASK } from "../webhooks/secrets-mask";
import { attemptData } from "./attempt-data";
import type { DeliveryResult } from "./send";

const resultFor = (uri: string): DeliveryResult => ({
  request: { method: "POST", uri, headers: [["Content-Type", "application/json"], ["X-Token", "secret"]], body: { text: "{}", isTruncated: false } },
  response: { status: 200, reason: "OK", headers: [["Server", "test"]], body: { text: "ok", isTruncated: false } },
  error: null,
  isBlocked: false,
  durationMs: 5,
});

describe("attemptData", () => {
  it("stores the URI with its credentials and query values masked, and the admin's header values masked", () => {
    const row = attemptData("d1", 1, resultFor("https://user:pass@hooks.example/in?token=abc"));
    expect(row.requestUri).toBe(`https://${MASK}:${MASK}@hooks.example/in?token=${encodeURIComponent(MASK)}`);
    expect(JSON.parse(row.requestHeaders)).toEqual([["Content-Type", "application/json"], ["X-Token", MASK]]);
    expect(row.responseStatus).toBe(200);
  });

  it("masks each URI as its own, also after more URIs than it remembers", () => {
    const uris = ["https://a:1@one.example/", "https://two.example/?k=v", "https://three.example/plain"];
    const first = uris.map((uri) => attemptData("d", 1, resultFor(uri)).requestUri);
    for (let n = 0; n < 3000; n += 1) attemptData("d", 1, resultFor(`https://u:p@host${n}.example/`));
    expect(uris.map((uri) => attemptData("d", 1, resultFor(uri)).requestUri)).toEqual(first);
    expect(first[2]).toBe("https://three.example/plain");
    expect(first[0]).not.toContain(":1@");
  });
});
