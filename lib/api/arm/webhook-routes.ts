import "server-only";
import { readJsonObject } from "../../http/json-body";
import { apiError, apiJson } from "../../http/responses";
import { readArmAttributes, writeArmAttributes } from "../../webhooks/arm-attributes";
import type { EventList, WebhookList, WebhookResource } from "../arm-shapes";
import { toRoute, type RouteCall, type RouteHandler } from "../to-route";
import {
  deleteWebhookRoute,
  getCallbackConfigRoute,
  getWebhookRoute,
  listEventsRoute,
  listWebhooksRoute,
  patchWebhookRoute,
  pingWebhookRoute,
  putWebhookRoute,
} from "../webhook-resource";
import { apiVersionProblem } from "./api-version";
import { splitArmBody, toArmNextLink, toArmWebhook, withFieldsInMessage, type ArmEnvelope } from "./arm-envelope";
import { armWebhookId, armWebhooksPath, type ArmRegistryParams, type ArmWebhookParams } from "./arm-path";

// The ARM paths (/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/
// registries/{r}/webhooks/...), for Azure's SDKs and tools. Each is a thin adapter of the
// portal's own REST handler (lib/api/webhook-resource.ts): it declares the same operation, so
// toRoute checks the same role once, then checks api-version, takes ARM's envelope (location,
// tags) off the body, runs the handler and puts the envelope and the caller's path back on the
// answer. Writes answer as ARM does for a long-running operation that has already finished
// (200/201 with provisioningState "Succeeded", DELETE 200/204, no Location or
// Azure-AsyncOperation header): the SDK's poller then stops at the first response.

type Inner<P extends Record<string, string>> = RouteHandler<P>;
type WebhookParams = { registry: string; webhook: string };

const toPortalParams = ({ registry, webhook }: ArmWebhookParams): WebhookParams => ({ registry, webhook });

/** ARM's error body for any refusal, with ValidationFailed's fields named in its message. */
const armError = async (response: Response): Promise<Response> => {
  if (response.ok || !response.headers.get("content-type")?.includes("json")) return response;
  const body = (await response.json()) as { error: { code: string; message: string; details?: { target: string; message: string }[] } };
  return Response.json({ error: withFieldsInMessage(body.error) }, { status: response.status, headers: response.headers });
};

/**
 * An ARM route over `inner`: the caller and role of inner's operation, then api-version, then
 * `adapt` (which runs inner.handle), then errors in ARM's words.
 */
const armRoute = <P extends ArmRegistryParams, I extends Record<string, string>>(
  inner: Inner<I>,
  adapt: (call: RouteCall<P>, apiVersion: string) => Promise<Response>,
) =>
  toRoute<P>(inner.operation, async (call) => {
    const url = new URL(call.request.url);
    const problem = apiVersionProblem(url);
    if (problem) return apiError(400, problem.code, problem.message);
    return armError(await adapt(call, url.searchParams.get("api-version") ?? ""));
  });

/** The request with another JSON body (the portal's part of an ARM body). */
const withJsonBody = (request: Request, body: unknown) => {
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body) });
};

/** A webhook the inner handler answered, in ARM's shape (same status). */
const answerWebhook = async (response: Response, params: ArmWebhookParams) => {
  if (!response.ok) return response;
  const resource = (await response.json()) as WebhookResource;
  const stored = await readArmAttributes(params.registry, [resource.name]);
  return apiJson(toArmWebhook(resource, armWebhookId(params, resource.name), stored.get(resource.name)), response.status);
};

/** PUT and PATCH: envelope off, inner handler, envelope stored, answer in ARM's shape. */
const writeWebhook = (kind: "create" | "update", inner: Inner<WebhookParams>) =>
  armRoute<ArmWebhookParams, WebhookParams>(inner, async ({ caller, request, params }) => {
    const json = await readJsonObject(request);
    if (!json.ok) return apiError(json.status, json.code, json.message);
    const split = splitArmBody(kind, json.json);
    if (!split.ok) return apiError(400, "ValidationFailed", "The webhook is not valid.", split.details);
    const response = await inner.handle({ caller, request: withJsonBody(request, split.body), params: toPortalParams(params) });
    if (response.ok) await writeArmAttributes(params.registry, params.webhook, split.envelope satisfies ArmEnvelope);
    return answerWebhook(response, params);
  });

/** PUT: create (201) or replace (200), with ARM's location (required) and tags. */
export const armPutWebhook = writeWebhook("create", putWebhookRoute);
/** PATCH (WebhookUpdateParameters): the given properties and tags only. */
export const armPatchWebhook = writeWebhook("update", patchWebhookRoute);

export const armGetWebhook = armRoute<ArmWebhookParams, WebhookParams>(getWebhookRoute, async ({ caller, request, params }) =>
  answerWebhook(await getWebhookRoute.handle({ caller, request, params: toPortalParams(params) }), params),
);

/** DELETE: 200 deleted, 204 nothing to delete (both final for the SDK's poller). */
export const armDeleteWebhook = armRoute<ArmWebhookParams, WebhookParams>(deleteWebhookRoute, ({ caller, request, params }) =>
  deleteWebhookRoute.handle({ caller, request, params: toPortalParams(params) }),
);

/** GET .../webhooks: { value, nextLink } with nextLink on the caller's ARM path and api-version. */
export const armListWebhooks = armRoute<ArmRegistryParams, { registry: string }>(listWebhooksRoute, async ({ caller, request, params }, apiVersion) => {
  const response = await listWebhooksRoute.handle({ caller, request, params: { registry: params.registry } });
  if (!response.ok) return response;
  const list = (await response.json()) as WebhookList;
  const stored = await readArmAttributes(params.registry, list.value.map((resource) => resource.name));
  return apiJson({
    value: list.value.map((resource) => toArmWebhook(resource, armWebhookId(params, resource.name), stored.get(resource.name))),
    ...(list.nextLink ? { nextLink: toArmNextLink(list.nextLink, armWebhooksPath(params), apiVersion) } : {}),
  });
});

export const armPingWebhook = armRoute<ArmWebhookParams, WebhookParams>(pingWebhookRoute, ({ caller, request, params }) =>
  pingWebhookRoute.handle({ caller, request, params: toPortalParams(params) }),
);

/** POST .../listEvents; the SDK GETs nextLink, so the next pages answer GET too. */
export const armListEvents = armRoute<ArmWebhookParams, WebhookParams>(listEventsRoute, async ({ caller, request, params }, apiVersion) => {
  const response = await listEventsRoute.handle({ caller, request, params: toPortalParams(params) });
  if (!response.ok) return response;
  const list = (await response.json()) as EventList;
  const path = `${armWebhookId(params, params.webhook)}/listEvents`;
  return apiJson({ value: list.value, ...(list.nextLink ? { nextLink: toArmNextLink(list.nextLink, path, apiVersion) } : {}) });
});

export const armGetCallbackConfig = armRoute<ArmWebhookParams, WebhookParams>(getCallbackConfigRoute, ({ caller, request, params }) =>
  getCallbackConfigRoute.handle({ caller, request, params: toPortalParams(params) }),
);
