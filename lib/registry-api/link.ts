// RFC 8288 `Link` headers as Distribution writes them for pagination:
//   Link: </v2/_catalog?last=b&n=2>; rel="next"
// The target is resolved against the page's URL and followed only on the same origin, so a
// registry (or something pretending to be one) cannot send the portal's requests elsewhere.

/** The rel="next" target of a Link header, or null when there is none. */
export const nextLinkTarget = (header: string | null): string | null => {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const [, target, params] = match;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const relations = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (relations.includes("next")) return target;
  }
  return null;
};

export type NextPage = { kind: "none" } | { kind: "next"; url: URL } | { kind: "elsewhere" };

/** Where the next page is, relative to `current`; "elsewhere" for another origin or a bad target. */
export const nextPage = (header: string | null, current: URL): NextPage => {
  const target = nextLinkTarget(header);
  if (target === null) return { kind: "none" };
  if (!URL.canParse(target, current)) return { kind: "elsewhere" };
  const url = new URL(target, current);
  return url.origin === current.origin ? { kind: "next", url } : { kind: "elsewhere" };
};
