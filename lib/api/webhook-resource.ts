import "server-only";
import { getDeliveryHealth } from "../events/health";
import { HEALTH_RANGES, type HealthRange } from "../events/health-types";
import { getEventDetail, listEvents } from "../events/queries";
import { readJsonObject } from "../http/json-body";
import { apiEmpty, apiError, apiJson } from "../http/responses";
import * as recovery from "../operations/webhook-recovery";
import * as webhooks from "../operations/webhooks";
import { requestOrigin } from "../registry/portal-url";
import {
  type RecoveredResource,
  toCallbackConfig,
  toWebhookResource,
  type CallbackConfigResource,
  type ErrorDetail,
  type EventList,
  type WebhookList,
  type WebhookResource,
} from "./arm-shapes";
import {
  decodeSkipToken,
  INVALID_SKIP_TOKEN_MESSAGE,
  invalidTopMessage,
  nextLinkOf,
  parseTop,
  WEBHOOKS_API_MAX_TOP,
  WEBHOOKS_API_PAGE_SIZE,
} from "./paging";
import { listEventResources } from "./queries";
import { toRoute } from "./to-route";
import {
  createValues,
  fieldErrorsToDetails,
  parseWebhookBody,
  patchValues,
  webhookCreateBodySchema,
  webhookNameProblem,
  webhookUpdateBodySchema,
} from "./webhook-input";

// The REST API over webhooks, in ARM's shape (Microsoft.ContainerRegistry/registries/webhooks).
// The route files under app/api/registries/[registry]/webhooks export these. Each is the
// adapter of one operation in lib/operations/webhooks.ts (the blade's server actions run the
// same ones), which declares the role it needs: toRoute answers 401/403 before anything else.

type RegistryRoute = { registry: string };
type WebhookRoute = { registry: string; webhook: string };

const registryNotFound = (registry: string) => apiError(404, "RegistryNotFound", webhooks.registryMissingMessage(registry));
const webhookNotFound = (registry: string, webhook: string) =>
  apiError(404, "WebhookNotFound", webhooks.webhookMissingMessage(registry, webhook));
const validationFailed = (details: ErrorDetail[]) => apiError(400, "ValidationFailed", "The webhook is not valid.", details);

/** The 404 for whichever of the registry and the webhook is missing. */
const notFound = (result: { kind: "registry-missing" } | { kind: "missing" }, { registry, webhook }: WebhookRoute) =>
  result.kind === "registry-missing" ? registryNotFound(registry) : webhookNotFound(registry, webhook);

/** A small body's field errors as ARM details; one about the whole body (unknown keys) targets "body". */
const bodyFieldDetails = (fieldErrors: Record<string, string>): ErrorDetail[] =>
  Object.entries(fieldErrors).map(([field, message]) => ({ target: field === "form" ? "body" : field, message }));

/** Another request created or deleted the webhook between our read and our write. */
const conflict = (name: string) =>
  apiError(409, "Conflict", `Webhook "${name}" was created or deleted by another request at the same time. Send the request again.`);

// --- GET .../webhooks[?$top=N&$skipToken=T] ---------------------------------------------------

const invalidSkipToken = () => apiError(400, "InvalidSkipToken", INVALID_SKIP_TOKEN_MESSAGE);

/**
 * Links to the address this client used (request.url names the server's own bind address, and
 * PORTAL_URL is the registry's way in, which a script may not use).
 */
const nextLink = (request: Request, query: Record<string, string>, key: string) =>
  nextLinkOf(requestOrigin(request.headers), new URL(request.url).pathname, query, key);

export const listWebhooksRoute = toRoute<RegistryRoute>(webhooks.listRegistryWebhooks, async ({ caller, request, params }) => {
  const query = new URL(request.url).searchParams;
  const top = parseTop(query.get("$top"), WEBHOOKS_API_PAGE_SIZE, WEBHOOKS_API_MAX_TOP);
  if (top === null) return apiError(400, "InvalidTop", invalidTopMessage(WEBHOOKS_API_MAX_TOP));
  const token = query.get("$skipToken");
  const after = token === null ? undefined : decodeSkipToken(token);
  if (after === null) return invalidSkipToken();

  const result = await webhooks.listRegistryWebhooks(caller, params.registry, { after, limit: top });
  if (result.kind === "registry-missing") return registryNotFound(params.registry);
  const body: WebhookList = { value: result.webhooks.map((webhook) => toWebhookResource(result.registry, webhook)) };
  if (result.nextAfter !== null) {
    body.nextLink = nextLink(request, query.has("$top") ? { $top: String(top) } : {}, result.nextAfter);
  }
  return apiJson(body);
});

// --- GET .../webhooks/{name} -----------------------------------------------------------------

export const getWebhookRoute = toRoute<WebhookRoute>(webhooks.getWebhook, async ({ caller, params }) => {
  const found = await webhooks.getWebhook(caller, params.registry, params.webhook);
  if (found.kind !== "found") return notFound(found, params);
  return apiJson(toWebhookResource(found.registry, found.webhook) satisfies WebhookResource);
});

// --- PUT .../webhooks/{name}: create (201) or replace (200) ------------------------------------

export const putWebhookRoute = toRoute<WebhookRoute>(webhooks.createWebhook, async ({ caller, request, params }) => {
  const { webhook: name } = params;
  const existing = await webhooks.getWebhook(caller, params.registry, name);
  if (existing.kind === "registry-missing") return registryNotFound(params.registry);

  const body = await readJsonObject(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const nameProblem = webhookNameProblem(name);
  const parsed = parseWebhookBody(webhookCreateBodySchema, body.json);
  const details = [...(nameProblem ? [{ target: "name", message: nameProblem }] : []), ...(parsed.ok ? [] : parsed.details)];
  if (details.length > 0 || !parsed.ok) return validationFailed(details);

  const values = createValues(name, parsed.data);
  if (existing.kind === "found") {
    const { name: _name, ...properties } = values;
    const updated = await webhooks.updateWebhook(caller, existing.registry, name, properties);
    if (updated.kind === "invalid") return validationFailed(fieldErrorsToDetails(updated.fieldErrors));
    if (webhooks.isNotFound(updated)) return conflict(name);
    return apiJson(toWebhookResource(existing.registry, updated.webhook), 200);
  }
  const created = await webhooks.createWebhook(caller, params.registry, values);
  switch (created.kind) {
    case "registry-missing":
      return registryNotFound(params.registry);
    case "invalid":
      return validationFailed(fieldErrorsToDetails(created.fieldErrors));
    case "name-taken":
      return conflict(name);
    case "created":
      return apiJson(toWebhookResource(created.registry, created.webhook), 201);
  }
});

// --- PATCH .../webhooks/{name} -----------------------------------------------------------------

export const patchWebhookRoute = toRoute<WebhookRoute>(webhooks.patchWebhook, async ({ caller, request, params }) => {
  const existing = await webhooks.getWebhook(caller, params.registry, params.webhook);
  if (existing.kind !== "found") return notFound(existing, params);

  const body = await readJsonObject(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const parsed = parseWebhookBody(webhookUpdateBodySchema, body.json);
  if (!parsed.ok) return validationFailed(parsed.details);

  const updated = await webhooks.patchWebhook(caller, existing.registry, params.webhook, (current) => patchValues(current, parsed.data));
  if (webhooks.isNotFound(updated)) return notFound(updated, { ...params, registry: existing.registry });
  if (updated.kind === "invalid") return validationFailed(fieldErrorsToDetails(updated.fieldErrors));
  return apiJson(toWebhookResource(existing.registry, updated.webhook));
});

// --- DELETE .../webhooks/{name}: 200 deleted, 204 nothing to delete ----------------------------

export const deleteWebhookRoute = toRoute<WebhookRoute>(webhooks.deleteWebhook, async ({ caller, params }) => {
  const deleted = await webhooks.deleteWebhook(caller, params.registry, params.webhook);
  if (deleted.kind === "registry-missing") return registryNotFound(params.registry);
  return apiEmpty(deleted.kind === "deleted" ? 200 : 204);
});

// --- POST .../webhooks/{name}/ping ---------------------------------------------------------------

export const pingWebhookRoute = toRoute<WebhookRoute>(webhooks.pingWebhook, async ({ caller, params }) => {
  const result = await webhooks.pingWebhook(caller, params.registry, params.webhook);
  if (webhooks.isNotFound(result)) return notFound(result, params);
  if (result.kind === "rate-limited") {
    return apiError(429, "TooManyRequests", webhooks.rateLimitedMessage("Ping", result.retryInSeconds), undefined, {
      "Retry-After": String(result.retryInSeconds),
    });
  }
  return apiJson({ id: result.eventId });
});

// --- POST .../webhooks/{name}/sample { action } -------------------------------------------------

const SAMPLE_BODY_MESSAGE = 'The sample request is not valid: send { "action": "push" } or { "action": "delete" }.';

export const sendSampleRoute = toRoute<WebhookRoute>(webhooks.sendSampleEvent, async ({ caller, request, params }) => {
  const body = await readJsonObject(request);
  // An empty or malformed body gets the words of this route, not those of a webhook's PUT.
  if (!body.ok) return apiError(body.status, body.code, body.status === 400 ? SAMPLE_BODY_MESSAGE : body.message);
  const result = await webhooks.sendSampleEvent(caller, params.registry, params.webhook, body.json);
  switch (result.kind) {
    case "registry-missing":
    case "missing":
      return notFound(result, params);
    case "invalid":
      return apiError(400, "ValidationFailed", SAMPLE_BODY_MESSAGE, bodyFieldDetails(result.fieldErrors));
    case "not-subscribed":
      return apiError(409, "ActionNotSubscribed", webhooks.sampleActionNotSubscribedMessage(result.webhook, result.action));
    case "rate-limited":
      return apiError(429, "TooManyRequests", webhooks.sampleRateLimitedMessage(result.retryInSeconds), undefined, {
        "Retry-After": String(result.retryInSeconds),
      });
    case "sent":
      return apiJson({ id: result.eventId });
  }
});

// --- POST .../webhooks/{name}/recover { since } ------------------------------------------------

export const recoverWebhookRoute = toRoute<WebhookRoute>(recovery.recoverWebhook, async ({ caller, request, params }) => {
  const body = await readJsonObject(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const result = await recovery.recoverWebhook(caller, params.registry, params.webhook, body.json);
  switch (result.kind) {
    case "registry-missing":
    case "missing":
      return notFound(result, params);
    case "invalid":
      return apiError(400, "ValidationFailed", "The recovery request is not valid: send { \"since\": \"2026-12-02T10:00:00Z\" }.", bodyFieldDetails(result.fieldErrors));
    case "disabled":
      return apiError(409, "WebhookDisabled", recovery.recoverDisabledMessage(params.webhook));
    case "queued":
      return apiJson({ queued: result.count, since: result.since } satisfies RecoveredResource);
  }
});

// --- POST .../webhooks/{name}/listEvents[?$skipToken=T] -----------------------------------------

/** A seq as the key of a page: a whole number from 1 up. */
const parseSeq = (text: string | null): number | null =>
  text !== null && /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null;

export const listEventsRoute = toRoute<WebhookRoute>(webhooks.readEvents, async ({ caller, request, params }) => {
  const query = new URL(request.url).searchParams;
  // Pages were numbered (?page=N, OFFSET) before nextLink became key-based; the first page is
  // still the first page, any other number no longer names a place.
  const page = query.get("page");
  if (page !== null && page !== "1") return apiError(400, "InvalidPage", PAGE_GONE_MESSAGE);
  const token = query.get("$skipToken");
  const before = token === null ? undefined : parseSeq(decodeSkipToken(token));
  if (before === null) return invalidSkipToken();

  const result = await webhooks.readEvents(caller, params.registry, params.webhook, (webhook) => listEventResources(webhook.id, before));
  if (result.kind !== "events") return notFound(result, params);
  const { events, nextBefore } = result.events;
  const body: EventList = { value: events };
  if (nextBefore !== null) body.nextLink = nextLink(request, {}, String(nextBefore));
  return apiJson(body);
});

export const PAGE_GONE_MESSAGE = "page is no longer supported: events are paged by key. Follow nextLink (its $skipToken) from the first page.";

// --- POST .../webhooks/{name}/getCallbackConfig ----------------------------------------------------

export const getCallbackConfigRoute = toRoute<WebhookRoute>(webhooks.getCallbackConfig, async ({ caller, params }) => {
  const result = await webhooks.getCallbackConfig(caller, params.registry, params.webhook);
  if (result.kind !== "config") return notFound(result, params);
  return apiJson(toCallbackConfig(result.serviceUri, result.customHeaders) satisfies CallbackConfigResource);
});

// --- The blade's live refresh: GET .../events?page=N and .../events/{id} ---------------------------

/**
 * One page of the events table (the blade's shape), polled every few seconds while an event on
 * it is in flight: the newest, or ?before=SEQ (older) or ?after=SEQ (newer).
 */
export const eventsPageRoute = toRoute<WebhookRoute>(webhooks.readEvents, async ({ caller, request, params }) => {
  const query = new URL(request.url).searchParams;
  const [before, after] = [query.get("before"), query.get("after")].map((text) => (text === null ? undefined : parseSeq(text)));
  if (before === null || after === null) return apiError(400, "InvalidCursor", INVALID_CURSOR_MESSAGE);
  // The public fields only: polling never decrypts the service URI or headers.
  const result = await webhooks.readEvents(caller, params.registry, params.webhook, (webhook) => listEvents(webhook.id, { before, after }));
  if (result.kind !== "events") return notFound(result, params);
  return apiJson(result.events);
});

export const INVALID_CURSOR_MESSAGE = "before and after must be event sequence numbers (whole numbers from 1 up).";

/** One event's full request and response. */
export const eventDetailRoute = toRoute<WebhookRoute & { event: string }>(webhooks.readEvents, async ({ caller, params }) => {
  const result = await webhooks.readEvents(caller, params.registry, params.webhook, (webhook) => getEventDetail(webhook.id, params.event));
  if (result.kind !== "events") return notFound(result, params);
  if (!result.events) return apiError(404, "EventNotFound", webhooks.eventMissingMessage(params.event, params.webhook));
  return apiJson(result.events);
});

/** The detail page's delivery chart: a webhook's attempts per UTC hour, ?range=24h (default) or 7d. */
export const healthRoute = toRoute<WebhookRoute>(webhooks.readEvents, async ({ caller, request, params }) => {
  const range = new URL(request.url).searchParams.get("range") ?? "24h";
  if (!HEALTH_RANGES.includes(range as HealthRange)) return apiError(400, "InvalidRange", INVALID_RANGE_MESSAGE);
  const result = await webhooks.readEvents(caller, params.registry, params.webhook, (webhook) => getDeliveryHealth(webhook.id, range as HealthRange));
  if (result.kind !== "events") return notFound(result, params);
  return apiJson(result.events);
});

export const INVALID_RANGE_MESSAGE = `range must be ${HEALTH_RANGES.join(" or ")}.`;
