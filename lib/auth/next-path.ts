const PROBE_ORIGIN = "http://portal.invalid";

/**
 * Where to go after signing in: only a path on this portal. The value is resolved the way a
 * browser would (which drops tabs and newlines, so "/\t/evil.example" means "//evil.example")
 * and anything that lands on another origin falls back to the home page.
 */
export const safeNextPath = (next: unknown) => {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  let resolved: URL;
  try {
    resolved = new URL(next, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (resolved.origin !== PROBE_ORIGIN) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
};
