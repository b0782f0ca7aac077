import "server-only";
import { clientAddress } from "../http/client-address";
import { authorizeRequest, type Principal } from "../auth/request-auth";
import type { Role } from "../auth/roles";
import * as operations from "../webhooks/operations";
import { listWebhooks } from "../webhooks/queries";
import { findRegistry } from "../registry/queries";
import { readRegistryParams, readWebhookParams, type RegistryParams, type WebhookParams } from "../http/route-params";
import {
  toCallbackConfig,
  toWebhookResource,
  type CallbackConfigResource,
  type ErrorDetail,
  type EventList,
  type WebhookResource,
} from "./arm-shapes";
import { requestOrigin } from "../registry/portal-url";
import { readJsonObject } from "../http/json-body";
import { INVALID_PAGE_MESSAGE, parsePage } from "./page-param";
import { findWebhookItem, listEventResources } from "./queries";
import { apiEmpty, apiError, apiJson } from "../http/responses";
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
// The route files under app/api/registries/[registry]/webhooks only call these. Every write
// goes through lib/webhooks/operations.ts, the code the blade's server actions run.
// Reader may list, get and listEvents; Contributor and Owner may do everything.

const registryNotFound = (registry: string) => apiError(404, "RegistryNotFound", operations.registryMissingMessage(registry));
const webhookNotFound = (registry: string, webhook: string) =>
  apiError(404, "WebhookNotFound", operations.webhookMissingMessage(registry, webhook));
const validationFailed = (details: ErrorDetail[]) => apiError(400, "ValidationFailed", "The webhook is not valid.", details);

type Found =
  | { ok: true; registry: NonNullable<Awaited<ReturnType<typeof findRegistry>>>; webhook: NonNullable<Awaited<ReturnType<typeof findWebhookItem>>> }
  | { ok: false; response: Response };

/** The registry and the webhook's public fields, or the 404 that names whichever is missing. */
export const findRegistryWebhook = async (registryName: string, name: string): Promise<Found> => {
  const registry = await findRegistry(registryName);
  if (!registry) return { ok: false, response: registryNotFound(registryName) };
  const webhook = await findWebhookItem(registry.id, name);
  if (!webhook) return { ok: false, response: webhookNotFound(registry.name, name) };
  return { ok: true, registry, webhook };
};

type Caller = { ok: true; context: operations.OperationContext } | { ok: false; response: Response };

/** 401/403 for a caller below `least`; otherwise who they are, for the audit log and rate limit. */
const authorize = async (request: Request, least: Role): Promise<Caller> => {
  const authorized = await authorizeRequest(request, least);
  if (!authorized.ok) return authorized;
  const principal: Principal = authorized.principal;
  return { ok: true, context: { actor: { id: principal.id, email: principal.email }, ipAddress: clientAddress(request.headers) } };
};

// --- GET .../webhooks ------------------------------------------------------------------------

export const listWebhooksRoute = async (request: Request, params: RegistryParams) => {
  const caller = await authorize(request, "reader");
  if (!caller.ok) return caller.response;
  const { registry: name } = await readRegistryParams(params);
  const registry = await findRegistry(name);
  if (!registry) return registryNotFound(name);
  const webhooks = await listWebhooks(registry.id);
  return apiJson({ value: webhooks.map((webhook) => toWebhookResource(registry.name, webhook)) });
};

// --- GET .../webhooks/{name} -----------------------------------------------------------------

export const getWebhookRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "reader");
  if (!caller.ok) return caller.response;
  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const found = await findRegistryWebhook(registryName, name);
  if (!found.ok) return found.response;
  return apiJson(toWebhookResource(found.registry.name, found.webhook) satisfies WebhookResource);
};

// --- PUT .../webhooks/{name}: create (201) or replace (200) ------------------------------------

export const putWebhookRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "contributor");
  if (!caller.ok) return caller.response;
  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const registry = await findRegistry(registryName);
  if (!registry) return registryNotFound(registryName);

  const body = await readJsonObject(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const nameProblem = webhookNameProblem(name);
  const parsed = parseWebhookBody(webhookCreateBodySchema, body.json);
  const details = [...(nameProblem ? [{ target: "name", message: nameProblem }] : []), ...(parsed.ok ? [] : parsed.details)];
  if (details.length > 0 || !parsed.ok) return validationFailed(details);

  const values = createValues(name, parsed.data);
  const existing = await findWebhookItem(registry.id, name);
  if (existing) {
    const { name: _name, ...properties } = values;
    const updated = await operations.updateWebhook(caller.context, registry.name, name, properties);
    if (updated.kind === "invalid") return validationFailed(fieldErrorsToDetails(updated.fieldErrors));
    if (updated.kind === "missing") return conflict(name);
    return apiJson(toWebhookResource(registry.name, updated.webhook), 200);
  }
  const created = await operations.createWebhook(caller.context, registry.name, values);
  switch (created.kind) {
    case "registry-missing":
      return registryNotFound(registryName);
    case "invalid":
      return validationFailed(fieldErrorsToDetails(created.fieldErrors));
    case "name-taken":
      return conflict(name);
    case "created":
      return apiJson(toWebhookResource(created.registry, created.webhook), 201);
  }
};

/** Another request created or deleted the webhook between our read and our write. */
const conflict = (name: string) =>
  apiError(409, "Conflict", `Webhook "${name}" was created or deleted by another request at the same time. Send the request again.`);

// --- PATCH .../webhooks/{name} -----------------------------------------------------------------

export const patchWebhookRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "contributor");
  if (!caller.ok) return caller.response;
  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const registry = await findRegistry(registryName);
  if (!registry) return registryNotFound(registryName);
  if (!(await findWebhookItem(registry.id, name))) return webhookNotFound(registry.name, name);

  const body = await readJsonObject(request);
  if (!body.ok) return apiError(body.status, body.code, body.message);
  const parsed = parseWebhookBody(webhookUpdateBodySchema, body.json);
  if (!parsed.ok) return validationFailed(parsed.details);

  const updated = await operations.patchWebhook(caller.context, registry.name, name, (current: operations.CurrentWebhookValues) =>
    patchValues(current, parsed.data),
  );
  if (updated.kind === "missing") return webhookNotFound(registry.name, name);
  if (updated.kind === "invalid") return validationFailed(fieldErrorsToDetails(updated.fieldErrors));
  return apiJson(toWebhookResource(registry.name, updated.webhook));
};

// --- DELETE .../webhooks/{name}: 200 deleted, 204 nothing to delete ----------------------------

export const deleteWebhookRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "contributor");
  if (!caller.ok) return caller.response;
  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const registry = await findRegistry(registryName);
  if (!registry) return registryNotFound(registryName);
  const deleted = await operations.deleteWebhook(caller.context, registry.name, name);
  return apiEmpty(deleted.kind === "deleted" ? 200 : 204);
};

// --- POST .../webhooks/{name}/ping ---------------------------------------------------------------

export const pingWebhookRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "contributor");
  if (!caller.ok) return caller.response;
  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const registry = await findRegistry(registryName);
  if (!registry) return registryNotFound(registryName);
  const result = await operations.pingWebhook(caller.context, registry.name, name);
  switch (result.kind) {
    case "missing":
      return webhookNotFound(registry.name, name);
    case "rate-limited":
      return apiError(429, "TooManyRequests", operations.rateLimitedMessage("Ping", result.retryInSeconds), undefined, {
        "Retry-After": String(result.retryInSeconds),
      });
    case "sent":
      return apiJson({ id: result.eventId });
  }
};

// --- POST .../webhooks/{name}/listEvents[?page=N] ------------------------------------------------

export const listEventsRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "reader");
  if (!caller.ok) return caller.response;
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("page"));
  if (page === null) return apiError(400, "InvalidPage", INVALID_PAGE_MESSAGE);

  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const found = await findRegistryWebhook(registryName, name);
  if (!found.ok) return found.response;

  const { events, hasMore } = await listEventResources(found.webhook.id, page);
  const body: EventList = { value: events };
  if (hasMore) {
    // Link to the address this client used (request.url names the server's own bind address,
    // and PORTAL_URL is the registry's way in, which a script may not use).
    const next = new URL(url.pathname, requestOrigin(request.headers));
    next.searchParams.set("page", String(page + 1));
    body.nextLink = next.href;
  }
  return apiJson(body);
};

// --- POST .../webhooks/{name}/getCallbackConfig ----------------------------------------------------

export const getCallbackConfigRoute = async (request: Request, params: WebhookParams) => {
  const caller = await authorize(request, "contributor");
  if (!caller.ok) return caller.response;
  const { registry: registryName, webhook: name } = await readWebhookParams(params);
  const registry = await findRegistry(registryName);
  if (!registry) return registryNotFound(registryName);
  const result = await operations.getCallbackConfig(caller.context, registry.name, name);
  if (result.kind === "missing") return webhookNotFound(registry.name, name);
  return apiJson(toCallbackConfig(result.serviceUri, result.customHeaders) satisfies CallbackConfigResource);
};
