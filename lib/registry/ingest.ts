import "server-only";
import { deliveryStore, type FanOut } from "../db/delivery-store";
import { trackWork } from "../lifecycle/shutdown";
import { env } from "../env";
import { newDeliveryId } from "../delivery/delivery-id.mjs";
import { cloudEventSource, formatBody, type BodyContext, type BodyFacts } from "../delivery/payload-bodies";
import { actionsOf } from "../webhooks/mapping";
import { payloadFormatOf, type PayloadFormat } from "../webhooks/payload-format";
import { parseScope, scopeMatches, type Scope } from "../webhooks/scope";
import { acrPayload, imageOf, mapNotifications, type AcrEvent, type IgnoredEvent } from "./acr-events";
import { parseEnvelope, type RawEvent } from "./distribution";

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

type Subscriber = { id: string; actions: string[]; scope: Scope; uriHash: string; format: PayloadFormat };

const subscribersOf = async (registryId: string): Promise<Subscriber[]> =>
  (await deliveryStore.subscribers(registryId)).flatMap((webhook) => {
    const scope = parseScope(webhook.scope);
    if (!scope.ok) return [];
    // The hash written with the service URI: ingest never decrypts (a webhook whose URI cannot
    // be opened is still recorded, and the worker fails it with the reason).
    return [
      {
        id: webhook.id,
        actions: actionsOf(webhook.actions),
        scope: scope.scope,
        uriHash: webhook.serviceUriHash,
        format: payloadFormatOf(webhook.payloadFormat),
      },
    ];
  });

/** The event as each payload format needs it, with this delivery's own id in ACR's body. */
const bodyFacts = (deliveryId: string, event: AcrEvent): BodyFacts => {
  const acr = acrPayload(deliveryId, event);
  return event.action === "push"
    ? { action: "push", acr, repository: event.repository, tag: event.tag, digest: event.digest }
    : { action: "delete", acr, repository: event.repository, digest: event.digest };
};

/**
 * One delivery for each subscriber whose actions and scope match the event, its body in the
 * subscriber's payload format as it is when the event is recorded (the stored body is what
 * every attempt sends, and what the events table shows).
 */
const fanOutTo = (subscribers: Subscriber[], context: BodyContext): FanOut<AcrEvent> => (event: AcrEvent, tags: string[]) =>
  subscribers
    .filter((subscriber) => subscriber.actions.includes(event.action) && scopeMatches(subscriber.scope, event.repository, tags))
    .map((subscriber) => {
      const id = newDeliveryId();
      return {
        id,
        webhookId: subscriber.id,
        action: event.action,
        image: imageOf(event),
        payload: formatBody(subscriber.format, bodyFacts(id, event), context),
        serviceUriHash: subscriber.uriHash,
      };
    });

/** The registry whose envelope is stored: what ingest needs of it. */
export type IngestTarget = { id: string; name: string; host: string };

/**
 * Stores a batch of notifications before the registry gets its answer: once we say 2xx, no
 * event can be lost. A large batch is written in several short transactions; if the process
 * dies between two, the registry gets no answer and sends the whole batch again, and the
 * events already stored are recognised by their ids. Runs on the ingest thread in a built
 * server (lib/registry/ingest-threads.ts), on the calling thread otherwise.
 */
export const ingestNotifications = (registry: IngestTarget, events: RawEvent[]) =>
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
    const context = { registry: registry.name, source: cloudEventSource(env.PORTAL_URL, registry.name) };
    const fanOut = fanOutTo(unique.length > 0 ? await subscribersOf(registry.id) : [], context);
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

/** An envelope's outcome: stored (with the registry's answer), or refused as not an envelope (400, nothing stored). */
export type EnvelopeOutcome = { ok: true; summary: IngestSummary } | { ok: false; code: string; message: string };

/** Parses the body of a notification request (already authorised and within the size limit) and stores its events. */
export const ingestEnvelope = async (registry: IngestTarget, body: string): Promise<EnvelopeOutcome> => {
  const envelope = parseEnvelope(body);
  if (!envelope.ok) return envelope;
  return { ok: true, summary: await ingestNotifications(registry, envelope.events) };
};
