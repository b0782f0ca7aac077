import { describe, expect, it } from "vitest";
import { validateHeaderValue } from "node:http";
import { formatCustomHeaders, headerValueProblem, MAX_HEADERS, parseCustomHeaders } from "./headers";

/** Every printable ASCII character, space included (after a letter, so trimming keeps it). */
const printableAscii = `a${Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).join("")}`;

type Case = { rule: string; text: string; error?: string | RegExp; headers?: [string, string][] };

const cases: Case[] = [
  { rule: "blank text means no headers", text: "  \n\n", headers: [] },
  { rule: "one pair per line, trimmed", text: "X-A: 1\n  X-B :  two words  ", headers: [["X-A", "1"], ["X-B", "two words"]] },
  { rule: "value may contain colons", text: "X-Url: https://a.example:8443/x", headers: [["X-Url", "https://a.example:8443/x"]] },
  { rule: "empty value allowed", text: "X-Empty:", headers: [["X-Empty", ""]] },
  { rule: "CRLF line endings", text: "X-A: 1\r\nX-B: 2\r\n", headers: [["X-A", "1"], ["X-B", "2"]] },
  { rule: "missing colon", text: "X-A 1", error: "Line 1: expected key: value" },
  { rule: "missing name", text: ": value", error: "Line 1: expected key: value" },
  { rule: "line numbers count blank lines", text: "X-A: 1\n\nbroken", error: "Line 3: expected key: value" },
  { rule: "name must be a token", text: "X(A): 1", error: /Line 1: "X\(A\)" is not a valid header name/ },
  { rule: "name with space", text: "X A: 1", error: /not a valid header name/ },
  { rule: "Host is reserved", text: "host: x", error: "Line 1: the host header is set by the portal and cannot be changed" },
  { rule: "Content-Length is reserved", text: "Content-Length: 5", error: /Content-Length header is set by the portal/ },
  { rule: "Transfer-Encoding is reserved", text: "Transfer-Encoding: chunked", error: /Transfer-Encoding header/ },
  { rule: "Connection is reserved", text: "Connection: close", error: /Connection header/ },
  // undici refuses these (UND_ERR_INVALID_ARG, UND_ERR_NOT_SUPPORTED): every attempt would fail unsent.
  { rule: "Upgrade cannot be sent", text: "Upgrade: websocket", error: "Line 1: the Upgrade header cannot be sent: the portal manages its connections itself" },
  { rule: "Keep-Alive cannot be sent", text: "X-A: 1\nkeep-alive: timeout=5", error: "Line 2: the keep-alive header cannot be sent: the portal manages its connections itself" },
  { rule: "Expect cannot be sent", text: "Expect: 100-continue", error: /Line 1: the Expect header cannot be sent/ },
  { rule: "TE and Trailer are sent as they are", text: "TE: trailers\nTrailer: X-A", headers: [["TE", "trailers"], ["Trailer", "X-A"]] },
  { rule: "Content-Type may be overridden", text: "Content-Type: text/plain", headers: [["Content-Type", "text/plain"]] },
  { rule: "no CR inside a value", text: "X-A: 1\rX-B: 2", error: /line breaks or control characters/ },
  { rule: "no control characters", text: "X-A: a\u0000b", error: 'Line 1: header "X-A": values cannot contain line breaks or control characters' },
  { rule: "tabs allowed in values", text: "X-A: a\tb", headers: [["X-A", "a\tb"]] },
  { rule: "no DEL", text: "X-A: a\u007fb", error: 'Line 1: header "X-A": values cannot contain line breaks or control characters' },
  { rule: "no C1 control characters", text: "X-A: a\u0085b", error: 'Line 1: header "X-A": values cannot contain line breaks or control characters' },
  { rule: "printable ASCII passes, every character of it", text: `X-A: ${printableAscii}`, headers: [["X-A", printableAscii]] },
  { rule: "no characters beyond ASCII (Node cannot send them)", text: "X-Emoji: € 😀", error: 'Line 1: header "X-Emoji": values may contain only printable ASCII characters, spaces and tabs' },
  { rule: "no Latin-1 letters either (obs-text)", text: "X-A: 1\nX-Name: café", error: 'Line 2: header "X-Name": values may contain only printable ASCII characters, spaces and tabs' },
  { rule: "no non-breaking space inside a value", text: "X-A: a\u00a0b", error: /values may contain only printable ASCII/ },
  { rule: "duplicate names refused", text: "X-A: 1\nx-a: 2", error: "Line 2: x-a is already set on line 1" },
  { rule: "name length cap", text: `${"X".repeat(129)}: 1`, error: /at most 128 characters/ },
  { rule: "value length cap", text: `X-A: ${"v".repeat(4097)}`, error: 'Line 1: header "X-A": values have at most 4096 characters' },
  { rule: "value at the length cap passes", text: `X-A: ${"v".repeat(4096)}`, headers: [["X-A", "v".repeat(4096)]] },
];

describe("parseCustomHeaders", () => {
  it.each(cases)("$rule", ({ text, error, headers }) => {
    const parsed = parseCustomHeaders(text);
    if (error !== undefined) {
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(error);
    } else {
      expect(parsed).toEqual({ ok: true, headers });
    }
  });

  it(`allows ${MAX_HEADERS} headers and refuses one more`, () => {
    const lines = Array.from({ length: MAX_HEADERS + 1 }, (_, i) => `X-H${i}: ${i}`);
    expect(parseCustomHeaders(lines.slice(0, MAX_HEADERS).join("\n")).ok).toBe(true);
    expect(parseCustomHeaders(lines.join("\n"))).toEqual({
      ok: false,
      message: `Line ${MAX_HEADERS + 1}: at most ${MAX_HEADERS} custom headers are allowed`,
    });
  });

  it("accepts only values Node can send (every UTF-16 code unit tried)", () => {
    const refusedByNode: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const value = `a${String.fromCharCode(code)}b`;
      if (headerValueProblem("X-A", value) !== null) continue;
      try {
        validateHeaderValue("X-A", value);
      } catch {
        refusedByNode.push(code.toString(16));
      }
    }
    expect(refusedByNode).toEqual([]);
  });

  it("formats back to the text it parsed", () => {
    const text = "Authorization: Bearer abc\nX-Team: registry";
    const parsed = parseCustomHeaders(text);
    expect(parsed.ok && formatCustomHeaders(parsed.headers)).toBe(text);
  });
});
