import { describe, expect, it } from "vitest";
import { keepMaskedHeaders, keepMaskedUri, maskHeaderValues, maskRequestHeaders, maskUri } from "./secrets-mask";

describe("maskUri", () => {
  it.each([
    { uri: "https://hooks.example.com/in", masked: "https://hooks.example.com/in" },
    { uri: "https://hooks.example.com/in?token=abc&team=qa", masked: "https://hooks.example.com/in?token=******&team=******" },
    { uri: "https://user:pass@hooks.example.com/in", masked: "https://******:******@hooks.example.com/in" },
    { uri: "http://127.0.0.1:8080/hook?source=e2e", masked: "http://127.0.0.1:8080/hook?source=******" },
    { uri: "not a url", masked: "******" },
  ])("$uri -> $masked", ({ uri, masked }) => expect(maskUri(uri)).toBe(masked));
});

describe("header masking", () => {
  it("masks every custom value and keeps the portal's own", () => {
    expect(maskHeaderValues([["Authorization", "Bearer x"]])).toEqual([["Authorization", "******"]]);
    expect(
      maskRequestHeaders([
        ["Content-Type", "application/json"],
        ["User-Agent", "registry-webhooks/0.1"],
        ["Authorization", "Bearer x"],
        ["webhook-signature", "v1,abc"],
      ]),
    ).toEqual([
      ["Content-Type", "application/json"],
      ["User-Agent", "registry-webhooks/0.1"],
      ["Authorization", "******"],
      ["webhook-signature", "v1,abc"],
    ]);
  });
});

describe("keeping masked values on Configure", () => {
  const stored = "https://hooks.example.com/in?token=abc";
  it.each([
    { submitted: "https://hooks.example.com/in?token=******", kept: stored },
    { submitted: "https://hooks.example.com/in?token=new", kept: "https://hooks.example.com/in?token=new" },
    { submitted: "https://other.example.com/in?token=******", kept: "https://other.example.com/in?token=******" },
  ])("$submitted -> $kept", ({ submitted, kept }) => expect(keepMaskedUri(submitted, stored)).toBe(kept));

  it("keeps a masked header's stored value, takes new ones as typed", () => {
    const current: [string, string][] = [["Authorization", "Bearer old"], ["X-Team", "qa"]];
    expect(keepMaskedHeaders([["authorization", "******"], ["X-Team", "platform"], ["X-New", "******"]], current)).toEqual([
      ["authorization", "Bearer old"],
      ["X-Team", "platform"],
      ["X-New", "******"],
    ]);
  });
});
