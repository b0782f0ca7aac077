/**
 * Where to go after signing in: only a path on this portal. "//host" and "/\host" are
 * protocol-relative URLs to another site, so they fall back to the home page.
 */
export const safeNextPath = (next: unknown) => {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  if (next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
};
