// Custom headers are typed as one "key: value" per line. Beyond ACR's format we refuse what
// would break or hijack the request: invalid names, line breaks and anything but printable
// ASCII in values (Node would throw when sending), hop-by-hop and framing headers the portal
// must own, and unbounded sizes.

import type { HeaderPair } from "../http/header-pair";

export type { HeaderPair };

export type HeadersParse = { ok: true; headers: HeaderPair[] } | { ok: false; message: string };

/** RFC 9110 token characters: what a header name may hold. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Any control character but horizontal tab (line breaks included): C0, DEL and C1. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
/**
 * What a header value may hold: visible ASCII, spaces and tabs. HTTP header values are bytes,
 * RFC 9110 keeps other bytes only as obsolete obs-text, and Node refuses to send them.
 */
export const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e]*$/;

/**
 * Connection headers the portal's HTTP client (undici) refuses to send: with one of them every
 * attempt would fail before a byte is sent.
 */
const CONNECTION_HEADERS = ["keep-alive", "upgrade", "expect"];
export const RESERVED_HEADERS = ["host", "content-length", "transfer-encoding", "connection", ...CONNECTION_HEADERS];
export const MAX_HEADERS = 20;
export const MAX_HEADER_NAME_LENGTH = 128;
export const MAX_HEADER_VALUE_LENGTH = 4096;

/** Why `name` (trimmed) cannot be a custom header's name, or null. The REST API reuses these words. */
export const headerNameProblem = (name: string): string | null => {
  if (name === "") return "expected key: value";
  if (name.length > MAX_HEADER_NAME_LENGTH) return `header names have at most ${MAX_HEADER_NAME_LENGTH} characters`;
  if (!HEADER_NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces)`;
  }
  if (CONNECTION_HEADERS.includes(name.toLowerCase())) return `the ${name} header cannot be sent: the portal manages its connections itself`;
  if (RESERVED_HEADERS.includes(name.toLowerCase())) return `the ${name} header is set by the portal and cannot be changed`;
  return null;
};

const valueProblem = (value: string): string | null => {
  if (CONTROL_CHARACTER.test(value)) return "values cannot contain line breaks or control characters";
  if (!HEADER_VALUE_PATTERN.test(value)) return "values may contain only printable ASCII characters, spaces and tabs";
  if (value.length > MAX_HEADER_VALUE_LENGTH) return `values have at most ${MAX_HEADER_VALUE_LENGTH} characters`;
  return null;
};

/** Why `value` (trimmed) cannot be the value of header `name` (a valid name), or null; the words name the header. */
export const headerValueProblem = (name: string, value: string): string | null => {
  const problem = valueProblem(value);
  return problem && `header "${name}": ${problem}`;
};

const lineProblem = (line: string, lineNumber: number, seen: Map<string, number>) => {
  const at = `Line ${lineNumber}:`;
  const colon = line.indexOf(":");
  if (colon <= 0) return `${at} expected key: value`;
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
  if (problem) return `${at} ${problem}`;
  const lower = name.toLowerCase();
  const firstLine = seen.get(lower);
  if (firstLine !== undefined) return `${at} ${name} is already set on line ${firstLine}`;
  seen.set(lower, lineNumber);
  return null;
};

export const parseCustomHeaders = (text: string): HeadersParse => {
  const headers: HeaderPair[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const problem = lineProblem(line, index + 1, seen);
    if (problem) return { ok: false, message: problem };
    const colon = line.indexOf(":");
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    if (headers.length > MAX_HEADERS) {
      return { ok: false, message: `Line ${index + 1}: at most ${MAX_HEADERS} custom headers are allowed` };
    }
  }
  return { ok: true, headers };
};

export const formatCustomHeaders = (headers: readonly HeaderPair[]): string =>
  headers.map(([name, value]) => `${name}: ${value}`).join("\n");

/** Header pairs stored as JSON (an attempt's request or response headers); none when absent or unreadable. */
export const storedHeaderPairs = (json: string | null): HeaderPair[] => {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as HeaderPair[]) : [];
  } catch {
    return [];
  }
};
