import { describe, expect, it } from "vitest";
import { httpStatusText, isSuccessful } from "./http-status";

describe("event outcome", () => {
  it.each([
    { outcome: { responseStatus: 200, responseReason: "OK", error: null }, text: "200 OK", ok: true },
    { outcome: { responseStatus: 204, responseReason: "No Content", error: null }, text: "204 No Content", ok: true },
    { outcome: { responseStatus: 302, responseReason: "Found", error: null }, text: "302 Found", ok: false },
    { outcome: { responseStatus: 503, responseReason: "Service Unavailable", error: null }, text: "503 Service Unavailable", ok: false },
    { outcome: { responseStatus: 299, responseReason: "", error: null }, text: "299", ok: true },
    { outcome: { responseStatus: null, responseReason: null, error: "Connection refused" }, text: "Connection refused", ok: false },
    { outcome: { responseStatus: null, responseReason: null, error: "Timed out after 10 s" }, text: "Timed out after 10 s", ok: false },
  ])("$text", ({ outcome, text, ok }) => {
    expect(httpStatusText(outcome)).toBe(text);
    expect(isSuccessful(outcome)).toBe(ok);
  });
});
