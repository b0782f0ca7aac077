import "server-only";
import { db } from "../db";
import { deliveryStore } from "../db/delivery-store";
import { nameKey, type MetricsSources, type WebhookName } from "./create-metrics";

// What a scrape reads from the database: by primary key or unique index for the names (bounded
// by the webhooks this process has counted), index ranges for the queue.

/** More ids than this are asked in several queries (SQLite binds at most 32,766 values). */
const CHUNK = 500;

const chunks = <T,>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) => items.slice(index * CHUNK, (index + 1) * CHUNK));

export const databaseSources: MetricsSources = {
  webhookNames: async (ids) => {
    const names = new Map<string, WebhookName>();
    for (const some of chunks(ids)) {
      const rows = await db.webhook.findMany({ where: { id: { in: some } }, select: { id: true, name: true, registry: { select: { name: true } } } });
      for (const row of rows) names.set(row.id, { registry: row.registry.name, webhook: row.name });
    }
    return names;
  },

  existingWebhooks: async (names) => {
    const existing = new Set<string>();
    for (const some of chunks(names)) {
      const rows = await db.webhook.findMany({
        where: { OR: some.map(({ registry, webhook }) => ({ name: webhook, registry: { name: registry } })) },
        select: { name: true, registry: { select: { name: true } } },
      });
      for (const row of rows) existing.add(nameKey({ registry: row.registry.name, webhook: row.name }));
    }
    return existing;
  },

  queueDepth: (now) => deliveryStore.queueDepth(now),
};
