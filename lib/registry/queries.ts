import "server-only";
import { cache } from "react";
import { db } from "../db";

/** A registry by its name in the URL; null when there is none (the page then 404s). */
export const findRegistry = cache((name: string) => db.registry.findUnique({ where: { name } }));

export type RegistryListItem = { name: string; host: string; webhookCount: number; hasToken: boolean };

export const listRegistries = async (): Promise<RegistryListItem[]> => {
  const registries = await db.registry.findMany({
    orderBy: { name: "asc" },
    select: { name: true, host: true, tokenHash: true, _count: { select: { webhooks: true } } },
  });
  return registries.map((registry) => ({
    name: registry.name,
    host: registry.host,
    webhookCount: registry._count.webhooks,
    hasToken: registry.tokenHash !== "",
  }));
};
