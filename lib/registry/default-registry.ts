import "server-only";
import { db } from "../db";
import { env } from "../env";
import { hashToken } from "../security/token-hash";

/**
 * Makes sure the registry named by REGISTRY_NAME exists, so a fresh install has a blade to
 * open. REGISTRY_HOST and REGISTRY_NOTIFICATIONS_TOKEN configure it as code when set.
 */
export const ensureDefaultRegistry = async () => {
  const configured = {
    ...(env.REGISTRY_HOST ? { host: env.REGISTRY_HOST } : {}),
    ...(env.REGISTRY_NOTIFICATIONS_TOKEN ? { tokenHash: hashToken(env.REGISTRY_NOTIFICATIONS_TOKEN) } : {}),
  };
  const registry = await db.registry.upsert({
    where: { name: env.REGISTRY_NAME },
    update: configured,
    create: { name: env.REGISTRY_NAME, ...configured },
  });
  if (!registry.tokenHash) {
    console.warn(
      `[registry-webhooks] Registry "${registry.name}" has no notifications token yet: generate one on ` +
        `/registries/${registry.name} or set REGISTRY_NOTIFICATIONS_TOKEN. Until then its notifications are refused.`,
    );
  }
};
