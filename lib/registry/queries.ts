import "server-only";
import { db } from "../db";

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
