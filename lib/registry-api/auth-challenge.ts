// `WWW-Authenticate` as registries send it:
//   Basic realm="Registry Realm"                                     (Distribution, htpasswd)
//   Bearer realm="https://auth.example.com/token",service="registry",scope="repository:app:pull"
// (Distribution's token auth, Harbor, Docker Hub). Only the first challenge is read: registries
// send one.

export type AuthChallenge =
  | { scheme: "basic" }
  | { scheme: "bearer"; realm: string; service: string | null; scope: string | null }
  | { scheme: "other" };

const params = (text: string): Map<string, string> => {
  const found = new Map<string, string>();
  for (const [, name, quoted, bare] of text.matchAll(/([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    found.set(name.toLowerCase(), quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : bare);
  }
  return found;
};

export const parseAuthChallenge = (header: string | null): AuthChallenge => {
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header ?? "");
  if (!match) return { scheme: "other" };
  const scheme = match[1].toLowerCase();
  if (scheme === "basic") return { scheme: "basic" };
  if (scheme !== "bearer") return { scheme: "other" };
  const values = params(match[2]);
  const realm = values.get("realm");
  if (!realm) return { scheme: "other" };
  return { scheme: "bearer", realm, service: values.get("service") ?? null, scope: values.get("scope") ?? null };
};
