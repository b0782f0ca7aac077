import { describe, expect, it } from "vitest";
import { describeNetworkError } from "./failure-words";

const errorWithCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

// undici's own errors read as node:http's did for the same event.
describe("describeNetworkError, undici errors", () => {
  it.each([
    { code: "UND_ERR_SOCKET", message: "other side closed", words: "Connection reset by the receiver" },
    { code: "UND_ERR_SOCKET", message: "closed", words: "Connection reset by the receiver" },
    { code: "UND_ERR_SOCKET", message: "bad response", words: "The receiver did not answer with valid HTTP" },
    { code: "UND_ERR_HEADERS_OVERFLOW", message: "Headers Overflow Error", words: "The receiver did not answer with valid HTTP" },
  ])("$code ($message) -> $words", ({ code, message, words }) => {
    expect(describeNetworkError(errorWithCode(code, message))).toBe(words);
  });

  it("describes a wrapper without a code by its cause", () => {
    expect(describeNetworkError(new TypeError("fetch failed", { cause: errorWithCode("ECONNREFUSED") }))).toBe("Connection refused");
  });
});
