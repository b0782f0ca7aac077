import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { secretKey } from "../crypto/secret-key";
import { db } from "../db";
import { env } from "../env";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { apiColumnsToWrite, apiView, openApiCredentials } from "../registry/api-credentials";
import { registryApiSchema, type RegistryApiView } from "../registry/api-settings";
import { findRegistry } from "../registry/queries";
import { RegistryApiError } from "../registry-api/errors";
import { readInventory } from "../registry-api/inventory";
import { createInventoryCache } from "../registry-api/inventory-cache";
import { DEFAULT_LIMITS, SAMPLE_SIZE } from "../registry-api/limits";
import { previewScope, type ScopePreview } from "../registry-api/preview";
import { parseScope } from "../webhooks/scope";
import { defineOperation, type Caller } from "./operation";

// The registry's /v2/ API address and credentials (Contributors set them, as they connect
// registries), and the scope preview every signed-in user's Create and Configure forms read.

export const registryApiNotConfiguredMessage = (registry: string) =>
  `Registry "${registry}" has no API address: set one on the registry page to preview scopes.`;
const undecryptableMessage = "The registry API password cannot be decrypted (was SECRET_KEY changed?): set it again on the registry page.";
const unexpectedMessage = "The registry API could not be read because of an unexpected error.";

const inventories = createInventoryCache();

export const updateRegistryApi = defineOperation(
  "registries.update-api",
  "contributor",
  async (
    caller: Caller,
    registryName: string,
    values: unknown,
  ): Promise<{ kind: "registry-missing" } | { kind: "invalid"; fieldErrors: FieldErrors } | { kind: "updated"; view: RegistryApiView }> => {
    const registry = await findRegistry(String(registryName));
    if (!registry) return { kind: "registry-missing" };
    const parsed = registryApiSchema.safeParse(values);
    if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const columns = apiColumnsToWrite(parsed.data, registry.apiPassword, secretKey());
    if (columns.kind === "invalid") return columns;
    await db.registry.update({ where: { id: registry.id }, data: columns.data });
    const { apiAddress, apiUsername } = columns.data;
    await recordAudit({
      actor: { id: caller.principal.id, email: caller.principal.email },
      action: "registry.update-api",
      target: registry.name,
      // Never the password: only whether one is set.
      detail: apiAddress === "" ? "API address removed" : `${apiAddress}${apiUsername ? ` as ${apiUsername}` : ""}`,
      ipAddress: caller.ipAddress,
    });
    revalidatePath(`/registries/${registry.name}`);
    return { kind: "updated", view: apiView(columns.data) };
  },
);

export type ScopePreviewResult =
  | { kind: "registry-missing" }
  | { kind: "invalid"; message: string }
  | { kind: "not-configured"; message: string }
  | { kind: "unavailable"; message: string }
  | ({ kind: "preview" } & ScopePreview);

export const previewRegistryScope = defineOperation(
  "registries.preview-scope",
  "reader",
  async (_caller: Caller, registryName: string, scopeText: string): Promise<ScopePreviewResult> => {
    const registry = await findRegistry(String(registryName));
    if (!registry) return { kind: "registry-missing" };
    const scope = parseScope(String(scopeText ?? ""));
    if (!scope.ok) return { kind: "invalid", message: scope.message };
    if (registry.apiAddress === "") return { kind: "not-configured", message: registryApiNotConfiguredMessage(registry.name) };
    let credentials;
    try {
      credentials = openApiCredentials(registry, secretKey());
    } catch {
      return { kind: "unavailable", message: undecryptableMessage };
    }
    const limits = { ...DEFAULT_LIMITS, pageSize: env.REGISTRY_API_PAGE_SIZE, allowlist: env.OUTBOUND_ALLOWLIST };
    // A new address, username or password (sealed anew at every write) is a new key: no stale answer.
    const key = [registry.id, registry.apiAddress, registry.apiUsername, registry.apiPassword].join("\n");
    try {
      const inventory = await inventories.get(key, () => readInventory(registry.apiAddress, credentials, limits));
      return { kind: "preview", ...previewScope(inventory, scope.scope, SAMPLE_SIZE) };
    } catch (error) {
      if (error instanceof RegistryApiError) return { kind: "unavailable", message: error.message };
      console.error(`[registry-webhooks] scope preview of registry ${registry.name} failed`, error);
      return { kind: "unavailable", message: unexpectedMessage };
    }
  },
);
