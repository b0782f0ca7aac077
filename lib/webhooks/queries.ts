import "server-only";
import { cache } from "react";
import { secretKey } from "../crypto/secret-key";
import { db } from "../db";
import { toListItem, toWebhookView } from "./mapping";
import { openWebhook, storedWebhook } from "./stored-secrets";
import type { WebhookListItem } from "./types";

export type WebhookItem = WebhookListItem & { id: string };

/**
 * A webhook's public fields (what GET shows), without opening its secrets: reading a webhook
 * never needs them, and keeps working even if they could not be decrypted.
 */
export const findWebhookItem = async (registryId: string, name: string): Promise<WebhookItem | null> => {
  const row = await db.webhook.findUnique({
    where: { registryId_name: { registryId, name } },
    select: { id: true, name: true, actions: true, status: true, scope: true },
  });
  return row ? { id: row.id, ...toListItem(row) } : null;
};

export const listWebhooks = async (registryId: string): Promise<WebhookListItem[]> => {
  const rows = await db.webhook.findMany({
    where: { registryId },
    orderBy: { name: "asc" },
    select: { name: true, actions: true, scope: true, status: true },
  });
  return rows.map(toListItem);
};

/**
 * The webhook row, always looked up through its registry, opened (openWebhook): everything
 * that reads it (pages, actions, Ping, Redeliver) gets the service URI, custom headers and
 * signing secrets in plaintext, and the stored serviceUriHash.
 */
export const findWebhookRow = cache(async (registryName: string, webhookName: string) => {
  const row = await db.webhook.findFirst({ where: { name: webhookName, registry: { name: registryName } } });
  if (!row) return null;
  try {
    return openWebhook(storedWebhook(row), secretKey());
  } catch (error) {
    throw new Error(`Cannot decrypt the service URI, custom headers or signing secret of webhook ${webhookName} (was SECRET_KEY changed?)`, { cause: error });
  }
});

/** The opened row (for server-side work) with its masked view (for pages). */
export const findWebhook = async (registryName: string, webhookName: string) => {
  const row = await findWebhookRow(registryName, webhookName);
  return row ? { row, view: toWebhookView(row) } : null;
};
