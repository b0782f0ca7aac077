"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { requireActionUser } from "../auth/guards";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { fieldErrorsOf, invalidFields } from "../forms/field-errors";
import { findRegistry } from "./queries";
import { notificationsEndpoint, notificationsYaml } from "./notifications-config";
import { portalUrl } from "./portal-url";
import { registrySchema } from "./schema";
import { generateToken } from "./tokens";
import { hashToken } from "../security/token-hash";

/** A new token is shown once, with the config that uses it; only its hash is kept. */
export type TokenResult =
  | { ok: true; registry: string; token: string; endpoint: string; yaml: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

const withToken = async (registry: string, token: string): Promise<TokenResult> => {
  const endpoint = notificationsEndpoint(await portalUrl(), registry);
  return { ok: true, registry, token, endpoint, yaml: notificationsYaml(endpoint, token) };
};

export async function createRegistry(values: unknown): Promise<TokenResult> {
  const user = await requireActionUser("contributor");
  const parsed = registrySchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  const { name, host } = parsed.data;
  const token = generateToken();
  try {
    await db.registry.create({ data: { name, host, tokenHash: hashToken(token) } });
  } catch (error) {
    if (isUniqueViolation(error)) return invalidFields({ name: `A registry named "${name}" already exists.` });
    throw error;
  }
  await recordAudit({ actor: user, action: "registry.create", target: name });
  revalidatePath("/registries");
  return withToken(name, token);
}

export async function regenerateToken(registryName: string): Promise<TokenResult> {
  const user = await requireActionUser("contributor");
  const registry = await findRegistry(String(registryName));
  if (!registry) return { ok: false, message: `Registry "${registryName}" does not exist.` };
  const token = generateToken();
  // The old token stops working at once: Distribution must be given the new one.
  await db.registry.update({ where: { id: registry.id }, data: { tokenHash: hashToken(token) } });
  await recordAudit({ actor: user, action: "registry.regenerate-token", target: registry.name });
  return withToken(registry.name, token);
}
