import { scopeMatches, type Scope } from "../webhooks/scope";
import type { Inventory } from "./inventory";

// What a scope matches in a registry's inventory, decided by the matcher delivery uses
// (lib/webhooks/scope.ts), tag by tag: a push of repo:tag is delivered when
// scopeMatches(scope, repo, [tag]), so that is what is counted here.

export type ScopePreview = {
  repositoryCount: number;
  tagCount: number;
  /** The first matches ("repo:tag"), at most `sampleSize`; a matching repository without tags appears as "repo". */
  sample: string[];
  /** Matches ("repo:tag" or a tagless "repo") left out of `sample`. */
  unlisted: number;
  /** The registry holds more than was read (WalkLimits): the counts are "at least". */
  isTruncated: boolean;
};

export const previewScope = (inventory: Inventory, scope: Scope, sampleSize: number): ScopePreview => {
  let repositoryCount = 0;
  let tagCount = 0;
  const sample: string[] = [];
  let unlisted = 0;
  const repositories = [...inventory.repositories].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const repository of repositories) {
    const tags = [...repository.tags].sort();
    const matching = tags.filter((tag) => scopeMatches(scope, repository.name, [tag]));
    // A repository whose tags were all deleted still matches "" and "repo:*": its next push is delivered.
    const isMatch = matching.length > 0 || (tags.length === 0 && scopeMatches(scope, repository.name, []));
    if (!isMatch) continue;
    repositoryCount++;
    tagCount += matching.length;
    const entries = matching.length === 0 ? [repository.name] : matching.map((tag) => `${repository.name}:${tag}`);
    const room = Math.max(0, sampleSize - sample.length);
    sample.push(...entries.slice(0, room));
    unlisted += Math.max(0, entries.length - room);
  }
  return { repositoryCount, tagCount, sample, unlisted, isTruncated: inventory.isTruncated };
};
