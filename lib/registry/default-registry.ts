import "server-only";
import { db } from "../db";
import { env } from "../env";

/** Makes sure the registry named by REGISTRY_NAME exists, so a fresh install has a blade to open. */
export const ensureDefaultRegistry = () =>
  db.registry.upsert({ where: { name: env.REGISTRY_NAME }, update: {}, create: { name: env.REGISTRY_NAME } });
