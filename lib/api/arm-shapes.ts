import { z } from "zod";
import { storedHeaderPairs, type HeaderPair } from "../webhooks/headers";
import { webhookPath } from "../webhooks/paths";
import { PAYLOAD_FORMATS } from "../webhooks/payload-format";
import { WEBHOOK_ACTIONS, WEBHOOK_STATUSES } from "../webhooks/schema";
import type { WebhookListItem } from "../webhooks/types";

// What the REST API answers, in the shape of ARM's Microsoft.ContainerRegistry/registries/webhooks,
// as zod schemas: the handlers' results are typed by them, unit tests parse them (strict: an
// extra key such as serviceUri fails), and /api/openapi.json is generated from them.

export const WEBHOOK_RESOURCE_TYPE = "Microsoft.ContainerRegistry/registries/webhooks";
/** ARM reports HTTP/1.1 messages; so do we (Node's fetch speaks HTTP/1.1 to receivers). */
export const HTTP_VERSION = "1.1";

export const webhookResourceSchema = z
  .strictObject({
    id: z.string().meta({ description: "The resource path.", examples: ["/registries/myregistry/webhooks/mywebhook"] }),
    name: z.string(),
    type: z.literal(WEBHOOK_RESOURCE_TYPE),
    properties: z.strictObject({
      status: z.enum(WEBHOOK_STATUSES),
      disabledReason: z.enum(["admin", "failing"]).optional().meta({
        description:
          'Only while disabled: "admin" (set so), or "failing" (the portal disabled it because its deliveries kept failing, WEBHOOK_DISABLE_AFTER; PATCH status "enabled" to turn it back on).',
      }),
      scope: z.string().meta({ description: "Empty for every event; repo:tag, repo:* or repo (= repo:latest)." }),
      actions: z.array(z.enum(WEBHOOK_ACTIONS)),
      payloadFormat: z.enum(PAYLOAD_FORMATS).meta({ description: "The body's shape: ACR's own (acr), CloudEvents 1.0 (cloudevents) or a chat message (chat)." }),
      provisioningState: z.literal("Succeeded"),
    }),
  })
  .meta({
    description:
      "A webhook. Its service URI and custom headers are write-only, as in ACR: they never appear here, only from getCallbackConfig.",
  });

export const webhookListSchema = z.strictObject({
  value: z.array(webhookResourceSchema),
  nextLink: z.url().optional().meta({ description: "GET it for the next page (same $top); absent on the last page." }),
});

const headersObjectSchema = z.record(z.string(), z.string());

export const eventRequestMessageSchema = z.strictObject({
  content: z.record(z.string(), z.unknown()).meta({ description: "The JSON payload sent (push, delete or ping)." }),
  headers: headersObjectSchema.meta({ description: "The headers sent; custom header values shown as ******." }),
  method: z.string(),
  requestUri: z.string().meta({ description: "The service URI, its user-info and query values shown as ******. Empty before the first attempt." }),
  version: z.string(),
});

export const eventResponseMessageSchema = z.strictObject({
  content: z.string().meta({ description: "The response body (at most 64 KiB stored)." }),
  headers: headersObjectSchema,
  reasonPhrase: z.string().meta({
    description: "The HTTP reason phrase; when no response came, why (\"Connection refused\", \"Timed out after 10 s\").",
  }),
  statusCode: z.string().meta({ description: 'The HTTP status code as text; "" when no response came (or before the first attempt).' }),
  version: z.string(),
});

export const eventResourceSchema = z
  .strictObject({
    id: z.string().meta({ description: "The event ID: the payload's id, the same on every retry." }),
    eventRequestMessage: eventRequestMessageSchema,
    eventResponseMessage: eventResponseMessageSchema,
  })
  .meta({ description: "An event with its latest attempt's request and response." });

export const eventListSchema = z.strictObject({
  value: z.array(eventResourceSchema),
  nextLink: z.url().optional().meta({ description: "POST it for the next page; absent on the last page." }),
});

export const recoveredSchema = z.strictObject({
  queued: z.number().int().meta({ description: "How many failed events were queued again; the worker sends each once more, at the queue's pace." }),
  since: z.string().meta({ description: "The start time used, in UTC." }),
});
export type RecoveredResource = z.output<typeof recoveredSchema>;

export const eventIdSchema = z.strictObject({ id: z.string().meta({ description: "The ping event's ID." }) });

export const callbackConfigSchema = z.strictObject({
  serviceUri: z.string(),
  customHeaders: headersObjectSchema,
});

export const errorDetailSchema = z.strictObject({
  target: z.string().meta({ description: 'The part of the request at fault: "name", "properties.serviceUri", ...' }),
  message: z.string(),
});

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().meta({ examples: ["ValidationFailed", "WebhookNotFound"] }),
    message: z.string(),
    details: z.array(errorDetailSchema).optional(),
  }),
});

export type WebhookResource = z.output<typeof webhookResourceSchema>;
export type EventResource = z.output<typeof eventResourceSchema>;
export type EventList = z.output<typeof eventListSchema>;
export type WebhookList = z.output<typeof webhookListSchema>;
export type CallbackConfigResource = z.output<typeof callbackConfigSchema>;
export type ErrorDetail = z.output<typeof errorDetailSchema>;

/** A webhook in ARM's shape: only what Reader may see (never its service URI or headers). */
export const toWebhookResource = (registry: string, webhook: WebhookListItem): WebhookResource => ({
  id: webhookPath(registry, webhook.name),
  name: webhook.name,
  type: WEBHOOK_RESOURCE_TYPE,
  properties: {
    status: webhook.status,
    ...(webhook.disabledReason ? { disabledReason: webhook.disabledReason } : {}),
    scope: webhook.scope,
    actions: [...webhook.actions],
    payloadFormat: webhook.payloadFormat,
    provisioningState: "Succeeded",
  },
});

/** Header pairs as a JSON object; a name sent twice (any case) keeps its first spelling, values joined with ", ". */
export const headersObject = (pairs: readonly HeaderPair[]): Record<string, string> => {
  const result: Record<string, string> = {};
  const spelling = new Map<string, string>();
  for (const [name, value] of pairs) {
    const first = spelling.get(name.toLowerCase());
    if (first === undefined) {
      spelling.set(name.toLowerCase(), name);
      Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
    } else {
      result[first] = `${result[first]}, ${value}`;
    }
  }
  return result;
};

const payloadObject = (payload: string): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: shown as text below.
  }
  return { text: payload };
};

/** The stored attempt fields an event's messages come from (masked when stored). */
export type AttemptFields = {
  requestMethod: string;
  requestUri: string;
  requestHeaders: string;
  responseStatus: number | null;
  responseReason: string | null;
  responseHeaders: string | null;
  responseBody: string | null;
  error: string | null;
};

/** An event in ARM's shape, from its delivery and its newest attempt (null before the first). */
export const toEventResource = (delivery: { id: string; payload: string }, attempt: AttemptFields | null): EventResource => ({
  id: delivery.id,
  eventRequestMessage: {
    content: payloadObject(delivery.payload),
    headers: headersObject(storedHeaderPairs(attempt?.requestHeaders ?? null)),
    method: attempt?.requestMethod ?? "POST",
    requestUri: attempt?.requestUri ?? "",
    version: HTTP_VERSION,
  },
  eventResponseMessage: {
    content: attempt?.responseBody ?? "",
    headers: headersObject(storedHeaderPairs(attempt?.responseHeaders ?? null)),
    reasonPhrase: attempt ? (attempt.responseStatus === null ? (attempt.error ?? "") : (attempt.responseReason ?? "")) : "",
    statusCode: attempt?.responseStatus === null || attempt?.responseStatus === undefined ? "" : String(attempt.responseStatus),
    version: HTTP_VERSION,
  },
});

/** getCallbackConfig's answer: the real service URI and header values, on purpose. */
export const toCallbackConfig = (serviceUri: string, customHeaders: readonly HeaderPair[]): CallbackConfigResource => ({
  serviceUri,
  customHeaders: headersObject(customHeaders),
});
