/** One HTTP header as sent or received, in order (names may repeat). */
export type HeaderPair = [name: string, value: string];

/**
 * Whether `value` is a list of [name, value] text pairs. What the portal writes always is; a row
 * written by hand, or by an older version, may not be, and must not break the code reading it.
 */
export const isHeaderPairList = (value: unknown): value is HeaderPair[] =>
  Array.isArray(value) &&
  value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && typeof pair[1] === "string");
