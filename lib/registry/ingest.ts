import "server-only";
import { randomUUID } from "node:crypto";
import { deliveryStore, type FanOut } from "../db/delivery-store";
import { trackWork } from "../lifecycle/shutdown";
import { actionsOf } from "../webhooks/mapping";
import { parseScope, scopeMatches, type Scope } from "../webhooks/scope";
import { acrPayload, imageOf, mapNotifications, type AcrEvent, type IgnoredEvent } from "./acr-events";
import type { RawEvent } from "./distribution";

/** The registry's answer; ignoredReasons explains the first few ignored events, to keep it small. */
export type IngestSummary = {
  received: number;
  ignored: number;
  duplicates: number;
  accepted: number;
  deliveries: number;
  ignoredReasons: IgnoredEvent[];
};
export const MAX_IGNORED_REASONS = 10;

type Subscriber = { id: string; actions: string[]; scope: Scope; uriHash: string };

const subscribersOf = async (registryId: string): Promise<Subscriber[]> =>
  (await deliveryStore.subscribers(registryId)).flatMap((webhook) => {
    const scope = parseScope(webhook.scope);
    if (!scope.ok) return [];
    // The hash written with the service URI: ingest never decrypts (a webhook whose URI cannot
    // be opened is still recorded, and the worker fails it with the reason).
    return [{ id: webhook.id, actions: actionsOf(webhook.actions), scope: scope.scope, uriHash: webhook.serviceUriHash }];
  });

/** One delivery, with ACR's payload, for each subscriber whose actions and scope match the event. */
const fanOutTo = (subscribers: Subscriber[]): FanOut<AcrEvent> => (event: AcrEvent, tags: string[]) =>
  subscribers
    .filter((subscriber) => subscriber.actions.includes(event.action) && scopeMatches(subscriber.scope, event.repository, tags))
    .map((subscriber) => {
      const id = randomUUID();
      return {
        id,
        webhookId: subscriber.id,
        action: event.action,
        image: imageOf(event),
        payload: JSON.stringify(acrPayload(id, event)),
        serviceUriHash: subscriber.uriHash,
      };
    });

/**
 * Stores a batch of notifications before the registry gets its answer: once we say 2xx, no
 * event can be lost. A large batch is written in several short transactions; if the process
 * dies between two, the registry gets no answer and sends the whole batch again, and the
 * events already stored are recognised by their ids.
 */
export const ingestNotifications = (registry: { id: string; host: string }, events: RawEvent[]) =>
  trackWork(async (): Promise<IngestSummary> => {
    const { accepted: mapped, ignored } = mapNotifications(events, registry.host);
    // The same id twice in one batch counts once.
    const unique = [...new Map(mapped.map((event) => [event.sourceId, event])).values()];
    const summary: IngestSummary = {
      received: events.length,
      ignored: ignored.length,
      duplicates: mapped.length - unique.length,
      accepted: 0,
      deliveries: 0,
      ignoredReasons: ignored.slice(0, MAX_IGNORED_REASONS),
    };
    const fanOut = fanOutTo(unique.length > 0 ? await subscribersOf(registry.id) : []);
    // In several short transactions (the store decides how much each takes).
    for (let next = 0; next < unique.length; ) {
      const stored = await deliveryStore.storeNotifications(registry.id, unique, next, fanOut);
      summary.accepted += stored.accepted;
      summary.duplicates += stored.duplicates;
      summary.deliveries += stored.deliveries;
      next = stored.next;
    }
    return summary;
  });
