import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { secretKey } from "../crypto/secret-key";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { notificationsEndpoint, notificationsYaml } from "../registry/notifications-config";
import { apiColumnsToWrite, apiView } from "../registry/api-credentials";
import { portalUrl } from "../registry/portal-url";
import { findRegistry, listRegistries as listRegistryItems } from "../registry/queries";
import { registrySchema } from "../registry/schema";
import { generateToken } from "../registry/tokens";
import { hashToken } from "../security/token-hash";
import { defineOperation, type Caller } from "./operation";

// Registries: anyone signed in sees them; Contributors connect one and replace its
// notifications token. A new token is shown once, with the config that uses it; only its
// hash is kept.

const REGISTRIES_PATH = "/registries";

export const registryMissingMessage = (registry: string) => `Registry "${registry}" does not exist.`;

export type NewToken = { kind: "token"; registry: string; token: string; endpoint: string; yaml: string };

const withToken = async (registry: string, token: string): Promise<NewToken> => {
  const endpoint = notificationsEndpoint(await portalUrl(), registry);
  return { kind: "token", registry, token, endpoint, yaml: notificationsYaml(endpoint, token) };
};

const actorOf = (caller: Caller) => ({ id: caller.principal.id, email: caller.principal.email });

export const listRegistries = defineOperation("registries.list", "reader", async (_caller: Caller) => listRegistryItems());

/** A registry and where Distribution sends its notifications; null when there is none. */
export const getRegistry = defineOperation("registries.get", "reader", async (_caller: Caller, registryName: string) => {
  const registry = await findRegistry(String(registryName));
  if (!registry) return null;
  return {
    name: registry.name,
    host: registry.host,
    hasToken: registry.tokenHash !== "",
    endpoint: notificationsEndpoint(await portalUrl(), registry.name),
    api: apiView(registry),
  };
});

export const createRegistry = defineOperation(
  "registries.create",
  "contributor",
  async (caller: Caller, values: unknown): Promise<{ kind: "invalid"; fieldErrors: FieldErrors } | NewToken> => {
    const parsed = registrySchema.safeParse(values);
    if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { name, host } = parsed.data;
    const api = apiColumnsToWrite(parsed.data, "", secretKey());
    if (api.kind === "invalid") return api;
    const token = generateToken();
    try {
      await db.registry.create({ data: { name, host, tokenHash: hashToken(token), ...api.data } });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: "invalid", fieldErrors: { name: `A registry named "${name}" already exists.` } };
      throw error;
    }
    await recordAudit({ actor: actorOf(caller), action: "registry.create", target: name, ipAddress: caller.ipAddress });
    revalidatePath(REGISTRIES_PATH);
    return withToken(name, token);
  },
);

export const regenerateRegistryToken = defineOperation(
  "registries.regenerate-token",
  "contributor",
  async (caller: Caller, registryName: string): Promise<{ kind: "registry-missing" } | NewToken> => {
    const registry = await findRegistry(String(registryName));
    if (!registry) return { kind: "registry-missing" };
    const token = generateToken();
    // The old token stops working at once: Distribution must be given the new one.
    await db.registry.update({ where: { id: registry.id }, data: { tokenHash: hashToken(token) } });
    await recordAudit({ actor: actorOf(caller), action: "registry.regenerate-token", target: registry.name, ipAddress: caller.ipAddress });
    return withToken(registry.name, token);
  },
);
