import { z } from "zod";
import {
  callbackConfigSchema,
  errorResponseSchema,
  eventIdSchema,
  eventListSchema,
  eventResourceSchema,
  recoveredSchema,
  webhookListSchema,
  webhookResourceSchema,
} from "./arm-shapes";
import { MAX_API_BODY_BYTES } from "../http/json-body";
import { WEBHOOKS_API_MAX_TOP, WEBHOOKS_API_PAGE_SIZE } from "./paging";
import { webhookCreateBodySchema, webhookNameSchema, webhookUpdateBodySchema } from "./webhook-input";
import { recoverSchema } from "../webhooks/recover-schema";
import { sampleRequestSchema } from "../webhooks/sample-schema";

// GET /api/openapi.json: the REST API described as OpenAPI 3.1, generated on each request
// from the zod schemas the handlers parse with (request bodies, lib/api/webhook-input.ts) and
// answer with (lib/api/arm-shapes.ts), by zod 4's z.toJSONSchema. OpenAPI 3.1's schema
// objects are JSON Schema 2020-12, zod's default target, so they are used as generated.

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

const SCHEMA_REF = (id: string) => `#/components/schemas/${id}`;

/** Request bodies, as accepted (io: "input": defaults optional, before transforms). */
const REQUEST_SCHEMAS = {
  WebhookCreateParameters: webhookCreateBodySchema,
  WebhookUpdateParameters: webhookUpdateBodySchema,
  RecoverParameters: recoverSchema,
  SampleParameters: sampleRequestSchema,
} as const;

/** Response bodies, as produced. */
const RESPONSE_SCHEMAS = {
  Webhook: webhookResourceSchema,
  WebhookListResult: webhookListSchema,
  Event: eventResourceSchema,
  EventListResult: eventListSchema,
  EventInfo: eventIdSchema,
  RecoverResult: recoveredSchema,
  CallbackConfig: callbackConfigSchema,
  ErrorResponse: errorResponseSchema,
} as const;

/** Components from one registry of schemas, shared schemas as $refs; without $schema/$id (the document gives the dialect). */
const componentsOf = (schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> => {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { io, target: "draft-2020-12", uri: SCHEMA_REF }).schemas as Record<string, JsonSchema>;
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
};

/** A schema used inline (a parameter's). */
const inlineSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

const json = (id: string) => ({ "application/json": { schema: { $ref: SCHEMA_REF(id) } } });
const ok = (description: string, id: string) => ({ description, content: json(id) });
const error = (description: string) => ({ description, content: json("ErrorResponse") });

const UNAUTHORIZED = error("No valid API token or session.");
const FORBIDDEN = error("The caller's role is below the one the operation needs.");
const REGISTRY_OR_WEBHOOK_NOT_FOUND = error("RegistryNotFound or WebhookNotFound.");

const PARAMETERS = {
  registry: { name: "registry", in: "path", required: true, description: "The registry's name.", schema: { type: "string" } },
  webhook: { name: "webhook", in: "path", required: true, description: "The webhook's name.", schema: inlineSchema(webhookNameSchema) },
  top: {
    name: "$top",
    in: "query",
    required: false,
    description: `How many webhooks a page holds (by name); nextLink keeps it. 400 InvalidTop outside 1-${WEBHOOKS_API_MAX_TOP}.`,
    schema: { type: "integer", minimum: 1, maximum: WEBHOOKS_API_MAX_TOP, default: WEBHOOKS_API_PAGE_SIZE },
  },
  skipToken: {
    name: "$skipToken",
    in: "query",
    required: false,
    description:
      "Where the page starts: opaque, from the previous page's nextLink (key-based: the next page starts after the last item shown, " +
      "whatever was added or deleted meanwhile). 400 InvalidSkipToken for one this API did not give out.",
    schema: { type: "string" },
  },
};

const operation = (
  operationId: string,
  role: "Reader" | "Contributor",
  summary: string,
  responses: Record<string, unknown>,
  extra: Operation = {},
): Operation => ({
  operationId,
  summary,
  description: `${summary} Needs the ${role} role (or higher).`,
  tags: ["Webhooks"],
  "x-required-role": role.toLowerCase(),
  ...extra,
  responses: { ...responses, "401": UNAUTHORIZED, "403": FORBIDDEN },
});

const body = (id: string, description: string) => ({ required: true, description, content: json(id) });

const BODY_ERRORS = {
  "400": error(
    "ValidationFailed (details name each field at fault: name, properties.serviceUri, properties.customHeaders, properties.actions, properties.status, properties.scope, or an unknown key) or InvalidRequestBody (empty, malformed JSON, not an object).",
  ),
  "413": error(`RequestBodyTooLarge: over ${MAX_API_BODY_BYTES / 1024} KiB.`),
  "415": error("UnsupportedMediaType: the Content-Type is not application/json."),
};

/** The whole document. `serverUrl`, when given, becomes its one server. */
export const buildOpenApiDocument = (serverUrl?: string) => {
  const webhookPath = "/api/registries/{registry}/webhooks/{webhook}";
  const registryParameters = [{ $ref: "#/components/parameters/registry" }];
  const webhookParameters = [...registryParameters, { $ref: "#/components/parameters/webhook" }];
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "registry-webhooks",
      version: "2026-11-22",
      summary: "Webhooks of OCI registries, in the shape of ARM's Microsoft.ContainerRegistry/registries/webhooks.",
      description:
        "Every operation needs an API token (create one on the profile page) sent as `Authorization: Bearer <token>`, or a signed-in session. " +
        "Errors answer `{ error: { code, message, details? } }`. A webhook's service URI and custom headers are write-only: " +
        "only getCallbackConfig (Contributor) returns them.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    tags: [{ name: "Webhooks" }, { name: "Document" }],
    paths: {
      "/api/registries/{registry}/webhooks": {
        parameters: registryParameters,
        get: operation(
          "Webhooks_List",
          "Reader",
          `Lists the registry's webhooks by name, ${WEBHOOKS_API_PAGE_SIZE} a page (or $top); follow nextLink for the rest.`,
          {
            "200": ok("One page of webhooks, by name, and nextLink when another follows.", "WebhookListResult"),
            "400": error("InvalidTop or InvalidSkipToken."),
            "404": error("RegistryNotFound."),
          },
          { parameters: [{ $ref: "#/components/parameters/top" }, { $ref: "#/components/parameters/skipToken" }] },
        ),
      },
      [webhookPath]: {
        parameters: webhookParameters,
        get: operation("Webhooks_Get", "Reader", "Gets a webhook.", {
          "200": ok("The webhook.", "Webhook"),
          "404": REGISTRY_OR_WEBHOOK_NOT_FOUND,
        }),
        put: operation(
          "Webhooks_Create",
          "Contributor",
          "Creates a webhook, or replaces all the writable properties of an existing one.",
          {
            "200": ok("Replaced.", "Webhook"),
            "201": ok("Created.", "Webhook"),
            ...BODY_ERRORS,
            "404": error("RegistryNotFound."),
            "409": error("Conflict: another request created or deleted the webhook at the same time."),
          },
          { requestBody: body("WebhookCreateParameters", "The webhook's properties.") },
        ),
        patch: operation(
          "Webhooks_Update",
          "Contributor",
          "Changes the given properties of a webhook; the others keep their values.",
          { "200": ok("Updated.", "Webhook"), ...BODY_ERRORS, "404": REGISTRY_OR_WEBHOOK_NOT_FOUND },
          { requestBody: body("WebhookUpdateParameters", "The properties to change.") },
        ),
        delete: operation("Webhooks_Delete", "Contributor", "Deletes a webhook and its events.", {
          "200": { description: "Deleted." },
          "204": { description: "There was no such webhook." },
          "404": error("RegistryNotFound."),
        }),
      },
      [`${webhookPath}/ping`]: {
        parameters: webhookParameters,
        post: operation("Webhooks_Ping", "Contributor", "Sends a ping event to the webhook now and records it.", {
          "200": ok("The ping's event ID (whatever the receiver answered: see listEvents).", "EventInfo"),
          "404": REGISTRY_OR_WEBHOOK_NOT_FOUND,
          "429": {
            ...error("TooManyRequests: Ping and Redeliver are limited to 5 a minute per webhook for each user."),
            headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer", minimum: 1 } } },
          },
        }),
      },
      [`${webhookPath}/sample`]: {
        parameters: webhookParameters,
        post: operation(
          "Webhooks_SendSample",
          "Contributor",
          "Sends a sample push or delete (a made-up image, in the webhook's payload format, with the header X-Registry-Webhooks-Sample: true) now, enabled or not, and records it as an event (audited).",
          {
            "200": ok("The sample's event ID (whatever the receiver answered: see listEvents).", "EventInfo"),
            "400": error('ValidationFailed (action is not "push" or "delete", or an unknown key) or InvalidRequestBody (empty, malformed JSON, not an object); nothing is sent or recorded.'),
            "404": REGISTRY_OR_WEBHOOK_NOT_FOUND,
            "409": error("ActionNotSubscribed: the webhook does not get this action (nothing is sent)."),
            "413": BODY_ERRORS["413"],
            "415": BODY_ERRORS["415"],
            "429": {
              ...error("TooManyRequests: samples, Ping and Redeliver share a limit of 5 a minute per webhook for each user."),
              headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer", minimum: 1 } } },
            },
          },
          { requestBody: body("SampleParameters", "Which sample to send.") },
        ),
      },
      [`${webhookPath}/recover`]: {
        parameters: webhookParameters,
        post: operation(
          "Webhooks_Recover",
          "Contributor",
          "Queues a new attempt of every failed event of the webhook recorded since a start time (not pings, not events recorded for another service URI); the worker sends each once more at the queue's pace (audited).",
          {
            "200": ok("How many events were queued.", "RecoverResult"),
            ...BODY_ERRORS,
            "404": REGISTRY_OR_WEBHOOK_NOT_FOUND,
            "409": error("WebhookDisabled: enable the webhook first (nothing is queued)."),
          },
          { requestBody: body("RecoverParameters", "The start time.") },
        ),
      },
      [`${webhookPath}/listEvents`]: {
        parameters: webhookParameters,
        post: operation(
          "Webhooks_ListEvents",
          "Reader",
          "Lists the webhook's events, newest first, 25 a page, each with its latest attempt's request and response; follow nextLink for older ones.",
          {
            "200": ok("One page of events, and nextLink when another follows.", "EventListResult"),
            "400": error("InvalidSkipToken, or InvalidPage (page, which numbered pages before nextLink became key-based: only page=1 is still read)."),
            "404": REGISTRY_OR_WEBHOOK_NOT_FOUND,
          },
          { parameters: [{ $ref: "#/components/parameters/skipToken" }] },
        ),
      },
      [`${webhookPath}/getCallbackConfig`]: {
        parameters: webhookParameters,
        post: operation("Webhooks_GetCallbackConfig", "Contributor", "Reveals the webhook's service URI and custom headers (audited).", {
          "200": ok("The unmasked service URI and custom headers.", "CallbackConfig"),
          "404": REGISTRY_OR_WEBHOOK_NOT_FOUND,
        }),
      },
      "/api/openapi.json": {
        get: {
          ...operation("OpenApi_Get", "Reader", "This document.", {
            "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } },
          }),
          tags: ["Document"],
        },
      },
    },
    components: {
      schemas: { ...componentsOf(RESPONSE_SCHEMAS, "output"), ...componentsOf(REQUEST_SCHEMAS, "input") },
      parameters: PARAMETERS,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API token (rwt_...) from the profile page; it acts with its user's role.",
        },
      },
    },
  };
};

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
