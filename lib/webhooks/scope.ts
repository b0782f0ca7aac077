import { REPOSITORY_MAX_LENGTH, REPOSITORY_PATTERN, TAG_PATTERN } from "../oci/grammar";

// Scope grammar, as ACR defines it:
//   ""          every event in the registry
//   "repo"      shorthand for "repo:latest"
//   "repo:tag"  that tag only
//   "repo:*"    every tag of that repository
// Repository and tag names follow the OCI distribution spec.

export type Scope =
  | { kind: "all" }
  | { kind: "tag"; repository: string; tag: string }
  | { kind: "repository"; repository: string };

export type ScopeParse = { ok: true; scope: Scope } | { ok: false; message: string };

export const repositoryProblem = (repository: string): string | null => {
  if (repository.length === 0) return "Enter a repository name before the colon.";
  if (repository.length > REPOSITORY_MAX_LENGTH) {
    return `Repository names have at most ${REPOSITORY_MAX_LENGTH} characters.`;
  }
  if (!REPOSITORY_PATTERN.test(repository)) {
    return `"${repository}" is not a valid repository name: use lowercase letters and digits, separated by ".", "_", "__" or "-", with "/" between path parts.`;
  }
  return null;
};

export const tagProblem = (tag: string): string | null => {
  if (tag.length === 0) return 'Enter a tag after the colon, or "*" for every tag.';
  if (!TAG_PATTERN.test(tag)) {
    return `"${tag}" is not a valid tag: use up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`;
  }
  return null;
};

export const parseScope = (raw: string): ScopeParse => {
  const text = raw.trim();
  if (text === "") return { ok: true, scope: { kind: "all" } };
  if (/\s/.test(text)) return { ok: false, message: "A scope cannot contain spaces." };

  const colon = text.indexOf(":");
  const repository = colon === -1 ? text : text.slice(0, colon);
  const tag = colon === -1 ? "latest" : text.slice(colon + 1);

  const repoError = repositoryProblem(repository);
  if (repoError) return { ok: false, message: repoError };
  if (tag === "*") return { ok: true, scope: { kind: "repository", repository } };
  const tagError = tagProblem(tag);
  if (tagError) return { ok: false, message: tagError };
  return { ok: true, scope: { kind: "tag", repository, tag } };
};

/**
 * Does an event about `repository` (and, when known, one of `tags`) fall within `scope`?
 * A delete names a digest, not a tag, so callers pass every tag that pointed at it.
 */
export const scopeMatches = (scope: Scope, repository: string, tags: readonly string[]): boolean => {
  switch (scope.kind) {
    case "all":
      return true;
    case "repository":
      return scope.repository === repository;
    case "tag":
      return scope.repository === repository && tags.includes(scope.tag);
  }
};
