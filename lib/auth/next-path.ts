const PROBE_ORIGIN = "http://portal.invalid";

// Browsers read "\" as "/" and drop tabs and newlines while resolving, so in a path these
// characters only ever disguise something else: a value holding one is refused outright.
const DISGUISES = /[\\\u0000-\u001f\u007f]/;

/** The path, query and fragment `value` resolves to on this portal; null when it leaves it. */
const resolveOnPortal = (value: string) => {
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
};

/**
 * Where to go after signing in: only a path on this portal; anything else goes home. The value
 * is resolved the way a browser would, and the result must resolve to itself again: resolving
 * "/..//evil.example" (or "/%2e%2e//…", "/.//…") yields "//evil.example", which a browser
 * given it as a Location reads as another host.
 */
export const safeNextPath = (next: unknown) => {
  if (typeof next !== "string" || !next.startsWith("/") || DISGUISES.test(next)) return "/";
  const path = resolveOnPortal(next);
  if (path === null || path.startsWith("//") || resolveOnPortal(path) !== path) return "/";
  return path;
};
