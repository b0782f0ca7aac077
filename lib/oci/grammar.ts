// Names in the OCI distribution spec's grammar, shared by the webhook scope (typed by admins)
// and registry notifications (sent by the registry, checked before anything is stored).
// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests

const PATH_COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
export const REPOSITORY_PATTERN = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
/** Distribution refuses repository names longer than this. */
export const REPOSITORY_MAX_LENGTH = 255;
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** sha512 needs 135 characters; the spec sets no limit, so leave room without leaving it open. */
export const DIGEST_MAX_LENGTH = 255;

export const isRepository = (name: string) => name.length <= REPOSITORY_MAX_LENGTH && REPOSITORY_PATTERN.test(name);
export const isTag = (tag: string) => TAG_PATTERN.test(tag);
/**
 * The algorithms a registry digests content with, and the exact encoding of each: the OCI image
 * spec's registered ones (sha256, sha512, blake3: lowercase hex of their full length) and sha384,
 * which Distribution supports too. Distribution refuses any other on push, so a digest naming
 * another algorithm, or of another length, is not one a registry sent.
 */
const DIGEST_ENCODINGS = new Map([
  ["sha256", /^[a-f0-9]{64}$/],
  ["sha384", /^[a-f0-9]{96}$/],
  ["sha512", /^[a-f0-9]{128}$/],
  ["blake3", /^[a-f0-9]{64}$/],
]);

export const isDigest = (digest: string) => {
  if (digest.length > DIGEST_MAX_LENGTH || !DIGEST_PATTERN.test(digest)) return false;
  const [algorithm, encoded] = digest.split(":");
  return DIGEST_ENCODINGS.get(algorithm)?.test(encoded) ?? false;
};
