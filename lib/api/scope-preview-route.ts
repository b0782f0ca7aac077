import "server-only";
import { apiError, apiJson } from "../http/responses";
import { registryMissingMessage } from "../operations/registries";
import { previewRegistryScope } from "../operations/registry-api";
import { toRoute } from "./to-route";

// GET /api/registries/{registry}/scope-preview?scope=app:*: which repositories and tags the
// scope matches in the registry now, for the Create and Configure forms. A registry API that
// cannot be read is 502 with a message the form shows as it is; 409 when no address is set.

/** `unlisted`: matches left out of `sample` (at most 20 are listed). */
export type ScopePreviewAnswer = { repositories: number; tags: number; sample: string[]; unlisted: number; truncated: boolean };

export const scopePreviewRoute = toRoute<{ registry: string }>(previewRegistryScope, async ({ caller, request, params }) => {
  const scope = new URL(request.url).searchParams.get("scope") ?? "";
  const result = await previewRegistryScope(caller, params.registry, scope);
  switch (result.kind) {
    case "registry-missing":
      return apiError(404, "RegistryNotFound", registryMissingMessage(params.registry));
    case "invalid":
      return apiError(400, "InvalidScope", result.message);
    case "not-configured":
      return apiError(409, "RegistryApiNotConfigured", result.message);
    case "unavailable":
      return apiError(502, "RegistryApiUnavailable", result.message);
    case "preview":
      return apiJson({
        repositories: result.repositoryCount,
        tags: result.tagCount,
        sample: result.sample,
        unlisted: result.unlisted,
        truncated: result.isTruncated,
      } satisfies ScopePreviewAnswer);
  }
});
