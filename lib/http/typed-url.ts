// What a typed address (a webhook's service URI, a registry's API address) may not hold, checked
// on the text before it is parsed. The WHATWG URL parser, which also builds the request, drops
// tabs and line breaks, reads "\" as "/", removes invisible characters from host names (IDNA
// maps a soft hyphen or zero-width space to nothing) and writes an unpaired surrogate as
// U+FFFD: with any of these the address stored and shown is not the one requested.

/** Control characters (C0, DEL, C1) and whitespace of any kind. */
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f-\u009f\s]/;
/** Invisible format characters (zero-width, bidirectional controls, soft hyphen) and unpaired surrogates. */
const INVISIBLE = /[\p{Cf}\p{Cs}]/u;

/** Why `value` cannot be typed as an address, in words naming it (`what`: "The service URI"), or null. */
export const typedUrlProblem = (value: string, what: string): string | null => {
  if (CONTROL_OR_SPACE.test(value)) return `${what} cannot contain spaces, line breaks or control characters.`;
  if (INVISIBLE.test(value)) return `${what} cannot contain invisible characters (zero-width, bidirectional or soft hyphen) or unpaired surrogates.`;
  if (value.includes("\\")) return `${what} cannot contain a backslash: it would be read as "/". Write "/" or %5C.`;
  return null;
};
