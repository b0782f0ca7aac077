import { describe, expect, it } from "vitest";
import { describeNetworkError, describeRequestError, formatSeconds } from "./failure-words";

const errorWithCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("describeNetworkError", () => {
  it.each([
    { code: "ECONNREFUSED", words: "Connection refused" },
    { code: "ECONNRESET", words: "Connection reset by the receiver" },
    { code: "ENOTFOUND", words: "Host not found" },
    { code: "EHOSTUNREACH", words: "Host unreachable" },
    { code: "HPE_INVALID_STATUS", words: "The receiver did not answer with valid HTTP" },
    { code: "DEPTH_ZERO_SELF_SIGNED_CERT", words: "TLS error: boom" },
    { code: "EWHATEVER", words: "Request failed (EWHATEVER): boom" },
  ])("$code -> $words", ({ code, words }) => {
    expect(describeNetworkError(errorWithCode(code))).toBe(words);
  });

  it("falls back to the message when there is no code", () => {
    expect(describeNetworkError(new Error("odd"))).toBe("Request failed: odd");
  });
});

describe("describeRequestError", () => {
  it.each([
    { code: "ERR_INVALID_CHAR", message: 'Invalid character in header content ["X-A"]', words: 'Not sent: the header "X-A" has a value HTTP does not allow (only printable ASCII, spaces and tabs)' },
    { code: "ERR_INVALID_HTTP_TOKEN", message: 'Header name must be a valid HTTP token ["A B"]', words: 'Not sent: the header "A B" has a name HTTP does not allow' },
    { code: "ERR_INVALID_URL", message: "Invalid URL", words: "Not sent: the service URI is not a valid address" },
    { code: "ERR_ODD", message: "odd", words: "Not sent: the request could not be built (ERR_ODD: odd)" },
  ])("$code -> $words", ({ code, message, words }) => {
    expect(describeRequestError(errorWithCode(code, message))).toBe(words);
  });
});

describe("formatSeconds", () => {
  it.each([
    { ms: 10_000, text: "10 s" },
    { ms: 2000, text: "2 s" },
    { ms: 1500, text: "1.5 s" },
    { ms: 300, text: "0.3 s" },
  ])("$ms ms -> $text", ({ ms, text }) => expect(formatSeconds(ms)).toBe(text));
});
