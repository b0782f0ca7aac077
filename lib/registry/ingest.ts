import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { wakeDeliveryWorker } from "../delivery/wake";
import { actionsOf } from "../webhooks/mapping";
import { parseScope, scopeMatches, type Scope } from "../webhooks/scope";
import { acrPayload, imageOf, toAcrEvent, type AcrEvent } from "./acr-events";
import type { DistributionEvent } from "./distribution";

export type IngestSummary = { received: number; ignored: number; duplicates: number; accepted: number; deliveries: number };

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
type Subscriber = { id: string; actions: string[]; scope: Scope };

const subscribersOf = async (tx: Tx, registryId: string): Promise<Subscriber[]> => {
  const webhooks = await tx.webhook.findMany({
    where: { registryId, status: "enabled" },
    select: { id: true, actions: true, scope: true },
  });
  return webhooks.flatMap((webhook) => {
    const scope = parseScope(webhook.scope);
    return scope.ok ? [{ id: webhook.id, actions: actionsOf(webhook.actions), scope: scope.scope }] : [];
  });
};

/**
 * The tags an event is about. A push names its tag, and we remember which digest it points
 * at; a delete names only a digest, so we look up the tags earlier pushes recorded for it.
 */
const tagsFor = async (tx: Tx, registryId: string, event: AcrEvent): Promise<string[]> => {
  const { repository } = event;
  if (event.action === "push") {
    await tx.tagDigest.deleteMany({ where: { registryId, repository, tag: event.tag } });
    await tx.tagDigest.create({ data: { registryId, repository, digest: event.digest, tag: event.tag } });
    return [event.tag];
  }
  const rows = await tx.tagDigest.findMany({ where: { registryId, repository, digest: event.digest } });
  await tx.tagDigest.deleteMany({ where: { registryId, repository, digest: event.digest } });
  return rows.map((row) => row.tag);
};

/**
 * Stores a batch of registry notifications and the deliveries they cause, in one
 * transaction, before the registry gets its answer: once we say 2xx, no event can be lost.
 * Event ids already seen (Distribution retries whole batches) are skipped.
 */
export const ingestNotifications = async (
  registry: { id: string; host: string },
  events: DistributionEvent[],
): Promise<IngestSummary> => {
  const mapped = events.map((event) => toAcrEvent(event, registry.host)).filter((event) => event !== null);
  const unique = new Map(mapped.map((event) => [event.sourceId, event]));
  const summary = { received: events.length, ignored: events.length - mapped.length, duplicates: 0, accepted: 0, deliveries: 0 };
  if (unique.size === 0) return summary;

  await db.$transaction(async (tx) => {
    // Write first, so this transaction takes SQLite's write lock before it reads: a read
    // transaction that later upgrades fails at once (SQLITE_BUSY_SNAPSHOT) when another
    // server process wrote in between, while a writer waiting for the lock just waits.
    await tx.$executeRawUnsafe(`UPDATE "Registry" SET "host" = "host" WHERE "id" = ?`, registry.id);
    const seen = await tx.registryEvent.findMany({
      where: { registryId: registry.id, sourceId: { in: [...unique.keys()] } },
      select: { sourceId: true },
    });
    for (const { sourceId } of seen) unique.delete(sourceId);
    summary.duplicates = mapped.length - unique.size;
    const fresh = [...unique.values()];
    if (fresh.length === 0) return;

    const stored = await tx.registryEvent.createManyAndReturn({
      data: fresh.map((event) => ({
        registryId: registry.id,
        sourceId: event.sourceId,
        action: event.action,
        repository: event.repository,
      })),
      select: { seq: true, sourceId: true },
    });
    const seqOf = new Map(stored.map((row) => [row.sourceId, row.seq]));
    const subscribers = await subscribersOf(tx, registry.id);
    const now = Date.now();
    const deliveries = [];
    for (const event of fresh) {
      const tags = await tagsFor(tx, registry.id, event);
      for (const subscriber of subscribers) {
        if (!subscriber.actions.includes(event.action)) continue;
        if (!scopeMatches(subscriber.scope, event.repository, tags)) continue;
        const id = randomUUID();
        deliveries.push({
          id,
          webhookId: subscriber.id,
          registryEventId: seqOf.get(event.sourceId),
          action: event.action,
          image: imageOf(event),
          payload: JSON.stringify(acrPayload(id, event)),
          nextAttemptAt: now,
        });
      }
    }
    if (deliveries.length > 0) await tx.delivery.createMany({ data: deliveries });
    summary.accepted = fresh.length;
    summary.deliveries = deliveries.length;
  });

  if (summary.deliveries > 0) wakeDeliveryWorker();
  return summary;
};
