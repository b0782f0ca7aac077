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
    select: { id: true, name: true, actions: true, status: true, disabledReason: true, scope: true, payloadFormat: true },
  });
  return row ? { id: row.id, ...toListItem(row) } : null;
};

/** Rows a page of the blade's list shows: enough to fill a screen, few enough to stay small. */
export const WEBHOOKS_PAGE_SIZE = 50;

/**
 * Which page of a registry's webhooks: the ones whose name contains `filter` (names are
 * lowercase, so the filter is lowercased and matching ignores case on both databases), after
 * the name `after` or before the name `before` (key-based: the next page starts after the
 * last name shown, whatever was added or deleted meanwhile), at most `limit` of them.
 */
export type WebhookPageRequest = { filter?: string; after?: string; before?: string; limit: number };

export type WebhookPage = {
  webhooks: WebhookListItem[];
  /** The last name shown, when more follow it; null on the last page. */
  nextAfter: string | null;
  /** The first name shown, when some come before it; null on the first page. */
  previousBefore: string | null;
};

/**
 * One page of a registry's webhooks by name, filtered by the database: `name > after ORDER BY
 * name LIMIT n+1` on the (registryId, name) unique index, so a page costs the same with 5
 * webhooks or 500, and the row past the page says whether another follows without counting.
 */
export const listWebhookPage = async (registryId: string, request: WebhookPageRequest): Promise<WebhookPage> => {
  const needle = (request.filter ?? "").trim().toLowerCase();
  // Names hold only a-z and 0-9, so anything else matches nothing; it never reaches LIKE, where
  // Prisma's contains would take % and _ as wildcards.
  if (!/^[a-z0-9]*$/.test(needle)) return { webhooks: [], nextAfter: null, previousBefore: null };
  const isBackward = request.before !== undefined && request.after === undefined;
  const key = isBackward ? { lt: request.before } : request.after !== undefined ? { gt: request.after } : undefined;
  const rows = await db.webhook.findMany({
    where: { registryId, ...(key || needle ? { name: { ...key, ...(needle ? { contains: needle } : {}) } } : {}) },
    orderBy: { name: isBackward ? "desc" : "asc" },
    take: request.limit + 1,
    select: { name: true, actions: true, scope: true, status: true, disabledReason: true, payloadFormat: true },
  });
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (isBackward) page.reverse();
  const webhooks = page.map(toListItem);
  const first = webhooks[0]?.name ?? null;
  const last = webhooks.at(-1)?.name ?? null;
  return isBackward
    ? { webhooks, nextAfter: last, previousBefore: hasMore ? first : null }
    : { webhooks, nextAfter: hasMore ? last : null, previousBefore: request.after !== undefined ? first : null };
};

/**
 * A webhook whose service URI, custom headers or signing secret cannot be opened: sealed under
 * another SECRET_KEY, or written by hand in a form this portal never writes. What needs them
 * (Ping, samples, Configure, get-config) answers with this message (the REST API: 409); what
 * does not (reading it, deleting it) still works.
 */
export class UnreadableWebhook extends Error {
  constructor(webhookName: string, options?: ErrorOptions) {
    super(
      `The service URI, custom headers or signing secret of webhook "${webhookName}" cannot be read: they were saved under another SECRET_KEY, or changed outside the portal. Start the portal with the key they were saved with, or delete the webhook and create it again.`,
      options,
    );
    this.name = "UnreadableWebhook";
  }
}

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
    throw new UnreadableWebhook(webhookName, { cause: error });
  }
});

/** The row's id and name, without opening its secrets (deleting needs no more). */
export const findWebhookId = (registryName: string, webhookName: string) =>
  db.webhook.findFirst({ where: { name: webhookName, registry: { name: registryName } }, select: { id: true, name: true } });

/** The opened row (for server-side work) with its masked view (for pages). */
export const findWebhook = async (registryName: string, webhookName: string) => {
  const row = await findWebhookRow(registryName, webhookName);
  return row ? { row, view: toWebhookView(row) } : null;
};

/**
 * The webhook opened; or, when its secrets cannot be opened, why (for a page to say so and still
 * offer Delete instead of failing whole); null when there is none.
 */
export const findWebhookOrWhyUnreadable = async (registryName: string, webhookName: string) => {
  try {
    return await findWebhook(registryName, webhookName);
  } catch (error) {
    if (error instanceof UnreadableWebhook) return error;
    throw error;
  }
};
