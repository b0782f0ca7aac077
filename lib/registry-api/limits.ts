import { parseAllowlist, type Allowlist } from "../config/host-allowlist";

// How far one walk of a registry's API may go. A preview is a hint while typing, not an
// inventory: past these bounds it says "at least" (truncated) instead of waiting or growing.

export type WalkLimits = {
  /** `n=` asked of /v2/_catalog and /v2/<name>/tags/list; the registry may answer fewer and link the rest. */
  pageSize: number;
  /** Each request, redirects and the token request included. */
  requestTimeoutMs: number;
  /** Bytes read from any one answer before giving up on it. */
  maxBodyBytes: number;
  /** Repositories read from the catalog; the rest are not looked at. */
  maxRepositories: number;
  /** Catalog pages followed. */
  maxCatalogPages: number;
  /** Tag pages followed per repository. */
  maxTagPages: number;
  /** Tags kept over all repositories. */
  maxTags: number;
  /** Repositories whose tags are read at once. */
  tagConcurrency: number;
  /**
   * The outbound policy's allowlist (OUTBOUND_ALLOWLIST), as for deliveries: a Contributor
   * types the address, so without it the preview's messages would map internal hosts.
   */
  allowlist: Allowlist;
};

export const DEFAULT_PAGE_SIZE = 1000;

export const DEFAULT_LIMITS: WalkLimits = {
  pageSize: DEFAULT_PAGE_SIZE,
  requestTimeoutMs: 5_000,
  maxBodyBytes: 4 * 1024 * 1024,
  maxRepositories: 5_000,
  maxCatalogPages: 100,
  maxTagPages: 20,
  maxTags: 100_000,
  tagConcurrency: 4,
  allowlist: parseAllowlist(""),
};

/** Matches listed in a preview answer; the counts cover every match. */
export const SAMPLE_SIZE = 20;
