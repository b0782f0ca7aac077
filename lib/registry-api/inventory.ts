import { isRepository } from "../oci/grammar";
import { createRegistryApiClient, type ApiCredentials, type RegistryApiClient } from "./api-client";
import { failureMessage, RegistryApiError } from "./errors";
import type { WalkLimits } from "./limits";
import { nextPage } from "./link";

// What a registry holds right now, as its API lists it: every repository of /v2/_catalog and
// the tags of each (/v2/<name>/tags/list), both followed through their `Link` pages, within
// WalkLimits. `truncated` says a bound was reached, so counts are "at least".

export type RepositoryTags = { name: string; tags: string[] };
export type Inventory = { repositories: RepositoryTags[]; isTruncated: boolean };

type Page = { items: string[]; next: URL | null };

const withPageSize = (url: URL, pageSize: number) => {
  url.searchParams.set("n", String(pageSize));
  return url;
};

/** One page of a list answer (`field` holds the names), and where the next one is. */
const readPage = async (client: RegistryApiClient, url: URL, scope: string, field: "repositories" | "tags") => {
  const page = await client.getJson(url, scope);
  return { ...page, items: listIn(page.body, field, client.origin), next: page.status === 200 ? linkedNext(page.link, url) : null };
};

const listIn = (body: unknown, field: string, origin: string): string[] => {
  if (body === null) return [];
  const list = (body as Record<string, unknown> | undefined)?.[field];
  // Distribution answers `"tags": null` for a repository whose tags were all deleted.
  if (list === null && field === "tags") return [];
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) throw new RegistryApiError("not-registry", failureMessage.notRegistry(origin));
  return list as string[];
};

const linkedNext = (link: string | null, current: URL): URL | null => {
  const next = nextPage(link, current);
  if (next.kind === "elsewhere") throw new RegistryApiError("redirected", failureMessage.redirected());
  return next.kind === "next" ? next.url : null;
};

const unexpectedStatus = (status: number, origin: string): never => {
  if (status === 403) throw new RegistryApiError("forbidden", failureMessage.forbidden());
  if (status >= 200 && status < 300) throw new RegistryApiError("not-registry", failureMessage.notRegistry(origin));
  throw new RegistryApiError("failed", failureMessage.failed(status));
};

const readCatalog = async (client: RegistryApiClient, limits: WalkLimits) => {
  const names: string[] = [];
  let url: URL | null = withPageSize(new URL("/v2/_catalog", client.origin), limits.pageSize);
  let pages = 0;
  while (url) {
    if (pages >= limits.maxCatalogPages || names.length >= limits.maxRepositories) return { names: names.slice(0, limits.maxRepositories), isTruncated: true };
    const page: Page & { status: number } = await readPage(client, url, "registry:catalog:*", "repositories");
    if (page.status === 404 || page.status === 405) throw new RegistryApiError("no-catalog", failureMessage.noCatalog(page.status));
    if (page.status !== 200) unexpectedStatus(page.status, client.origin);
    names.push(...page.items);
    pages++;
    url = page.next;
  }
  const isTruncated = names.length > limits.maxRepositories;
  return { names: names.slice(0, limits.maxRepositories), isTruncated };
};

const readTags = async (client: RegistryApiClient, name: string, limits: WalkLimits) => {
  const tags: string[] = [];
  let url: URL | null = withPageSize(new URL(`/v2/${name}/tags/list`, client.origin), limits.pageSize);
  let pages = 0;
  while (url) {
    if (pages >= limits.maxTagPages) return { tags, isTruncated: true };
    const page: Page & { status: number } = await readPage(client, url, `repository:${name}:pull`, "tags");
    // Deleted between the catalog and now: no tags.
    if (page.status === 404) return { tags, isTruncated: false };
    if (page.status !== 200) unexpectedStatus(page.status, client.origin);
    tags.push(...page.items);
    pages++;
    url = page.next;
  }
  return { tags, isTruncated: false };
};

export const readInventory = async (address: string, credentials: ApiCredentials, limits: WalkLimits): Promise<Inventory> => {
  const client = createRegistryApiClient(address, credentials, limits);
  const catalog = await readCatalog(client, limits);
  let isTruncated = catalog.isTruncated;
  const repositories: RepositoryTags[] = catalog.names.map((name) => ({ name, tags: [] }));
  let tagCount = 0;
  let nextIndex = 0;
  // Names from the catalog go into a path: anything that is not a repository name is skipped.
  const worker = async () => {
    while (nextIndex < repositories.length && tagCount < limits.maxTags) {
      const repository = repositories[nextIndex++];
      if (!isRepository(repository.name)) continue;
      const read = await readTags(client, repository.name, limits);
      repository.tags = read.tags.slice(0, Math.max(0, limits.maxTags - tagCount));
      tagCount += repository.tags.length;
      if (read.isTruncated || repository.tags.length < read.tags.length) isTruncated = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limits.tagConcurrency) }, worker));
  if (nextIndex < repositories.length) {
    // The tag budget ran out: the repositories not read are left out rather than shown tagless.
    repositories.splice(nextIndex);
    isTruncated = true;
  }
  return { repositories, isTruncated };
};
