// Custom headers are typed as one "key: value" per line. Beyond ACR's format we refuse what
// would break or hijack the request: invalid names, line breaks in values, hop-by-hop and
// framing headers the portal must own, and unbounded sizes.

export type HeaderPair = [name: string, value: string];

export type HeadersParse = { ok: true; headers: HeaderPair[] } | { ok: false; message: string };

/** RFC 9110 token characters. */
const TOKEN_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Any control character but horizontal tab (line breaks included). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export const RESERVED_HEADERS = ["host", "content-length", "transfer-encoding", "connection"];
export const MAX_HEADERS = 20;
export const MAX_HEADER_NAME_LENGTH = 128;
export const MAX_HEADER_VALUE_LENGTH = 4096;

const lineProblem = (line: string, lineNumber: number, seen: Map<string, number>) => {
  const at = `Line ${lineNumber}:`;
  const colon = line.indexOf(":");
  if (colon <= 0) return `${at} expected key: value`;
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  if (name === "") return `${at} expected key: value`;
  if (name.length > MAX_HEADER_NAME_LENGTH) {
    return `${at} header names have at most ${MAX_HEADER_NAME_LENGTH} characters`;
  }
  if (!TOKEN_PATTERN.test(name)) {
    return `${at} "${name}" is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces)`;
  }
  const lower = name.toLowerCase();
  if (RESERVED_HEADERS.includes(lower)) return `${at} the ${name} header is set by the portal and cannot be changed`;
  if (CONTROL_CHARACTER.test(value)) return `${at} header values cannot contain line breaks or control characters`;
  if (value.length > MAX_HEADER_VALUE_LENGTH) {
    return `${at} header values have at most ${MAX_HEADER_VALUE_LENGTH} characters`;
  }
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
