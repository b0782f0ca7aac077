import { z } from "zod";
import {
  formatCustomHeaders,
  HEADER_NAME_PATTERN,
  HEADER_VALUE_PATTERN,
  headerNameProblem,
  headerValueProblem,
  MAX_HEADER_NAME_LENGTH,
  MAX_HEADER_VALUE_LENGTH,
  MAX_HEADERS,
  RESERVED_HEADERS,
} from "../webhooks/headers";
import { DEFAULT_PAYLOAD_FORMAT } from "../webhooks/payload-format";
import { NAME_MAX_LENGTH, NAME_MIN_LENGTH, NAME_PATTERN, nameProblem } from "../webhooks/names";
import type { CurrentWebhookValues } from "../operations/webhooks";
import { payloadFormatField, SERVICE_URI_MAX_LENGTH, webhookSchema, type WebhookFormValues } from "../webhooks/schema";
import type { ErrorDetail } from "./arm-shapes";

// The bodies of PUT and PATCH .../webhooks/{name}, as zod schemas built FROM the form's own
// field schemas (lib/webhooks/schema.ts): parsing runs the form's rules first, so every
// message is the form's, word for word. The constraints JSON Schema can express (lengths,
// patterns, enums, minItems) are added as zod checks from the same constants, so
// /api/openapi.json (generated from these) shows them, and they are enforced too: the
// document and the validation cannot drift. Custom headers travel as a JSON object
// {"Name": "value"} and become the form's "Name: value" lines before the form checks them.

const form = webhookSchema.shape;

/** The form's message for a field the JSON constraint refused (the form rule always refuses it too). */
const withProblem =
  (problem: (value: string) => string | null, fallback: string) =>
  (issue: { input?: unknown }) =>
    problem(String(issue.input ?? "")) ?? fallback;

// --- The name, from the path -----------------------------------------------------------

const nameMessage = withProblem(nameProblem, "Enter a webhook name.");

/** {webhook} in the path, when it names a webhook to create: the form's name rule. */
export const webhookNameSchema = form.name
  .regex(NAME_PATTERN, { error: nameMessage })
  .min(NAME_MIN_LENGTH, { error: nameMessage })
  .max(NAME_MAX_LENGTH, { error: nameMessage })
  .meta({ description: `The webhook's name: ${NAME_MIN_LENGTH} to ${NAME_MAX_LENGTH} lowercase letters and digits, unique in its registry.` });

/** The form's message for a path name that cannot be created, or null when it can. */
export const webhookNameProblem = (name: string): string | null => {
  const parsed = webhookNameSchema.safeParse(name);
  if (!parsed.success) return parsed.error.issues[0].message;
  // The form trims what is typed; a path is taken as it is (" name" is not "name").
  return parsed.data === name ? null : (nameProblem(name) ?? "Use only lowercase letters (a-z) and digits (0-9).");
};

// --- Properties ----------------------------------------------------------------------------

const serviceUriSchema = form.serviceUri
  .max(SERVICE_URI_MAX_LENGTH, { error: `The service URI has at most ${SERVICE_URI_MAX_LENGTH} characters.` })
  .meta({
    format: "uri",
    writeOnly: true,
    description: "Absolute http:// or https:// URL the webhook POSTs to. Write-only: read it back with getCallbackConfig.",
  });

const headerNameSchema = z
  .string()
  .max(MAX_HEADER_NAME_LENGTH, { error: withProblem(headerNameProblem, "not a valid header name") })
  .regex(HEADER_NAME_PATTERN, { error: withProblem(headerNameProblem, "not a valid header name") });

/** The form's words for a refused value: the header's name is the last step of the issue's path. */
const valueMessage = (issue: { input?: unknown; path?: readonly PropertyKey[] }) =>
  headerValueProblem(String(issue.path?.at(-1) ?? ""), String(issue.input ?? "")) ?? "not a valid header value";

const headerValueSchema = z
  .string({ error: "header values must be text" })
  .trim()
  .regex(HEADER_VALUE_PATTERN, { error: valueMessage })
  .max(MAX_HEADER_VALUE_LENGTH, { error: valueMessage });

/** A JSON object of headers as the form's text: one "Name: value" line per entry, in order. */
export const headersToLines = (headers: Record<string, string>): string => formatCustomHeaders(Object.entries(headers));

const customHeadersSchema = z
  .record(headerNameSchema, headerValueSchema, {
    error: 'Custom headers are a JSON object of names and values, such as {"Authorization": "Bearer ..."}.',
  })
  .meta({
    maxProperties: MAX_HEADERS,
    writeOnly: true,
    description:
      `Sent with every request. Names are HTTP tokens, unique ignoring case, not ${RESERVED_HEADERS.join(", ")}; ` +
      "values are printable ASCII, spaces and tabs. Write-only: read them back with getCallbackConfig. Problems are reported " +
      'by position, as the form reports lines ("Line 2: ..." is the second header).',
  })
  .transform(headersToLines)
  .pipe(form.customHeaders);

const actionsSchema = form.actions.meta({ description: "The events that trigger the webhook: at least one." });
const statusSchema = form.status.meta({ description: "A disabled webhook gets no events but can be pinged." });
const scopeSchema = form.scope.meta({
  description: "Empty for every event; repo:tag, repo:* or repo (= repo:latest), in the OCI distribution grammar.",
});
const payloadFormatSchema = payloadFormatField.meta({
  description:
    'The body\'s shape: "acr" (ACR\'s own, the default), "cloudevents" (CloudEvents 1.0, structured JSON) or "chat" ({"text": ...} for Slack and Mattermost incoming webhooks).',
});
const provisioningStateSchema = z
  .string()
  .optional()
  .meta({ readOnly: true, description: "Read-only: accepted and ignored, so a webhook read back can be sent again." });
const readOnly = (description: string) => z.string().optional().meta({ readOnly: true, description });
const disabledReasonInputSchema = z
  .enum(["admin", "failing"])
  .optional()
  .meta({ readOnly: true, description: "Read-only: accepted and ignored (set status to enable or disable)." });

/** The writable properties: PUT's required ones, PATCH's optional ones. */
const WRITABLE = ["serviceUri", "customHeaders", "actions", "status", "scope", "payloadFormat"] as const;

const resourceFields = {
  id: readOnly("Read-only: ignored."),
  name: readOnly("Read-only: ignored (the name comes from the path)."),
  type: readOnly("Read-only: ignored."),
};

const PROPERTIES_MESSAGE = 'Send the webhook\'s settings as an object under "properties".';

/** PUT: creates the webhook or replaces all its writable properties (omitted ones take their defaults). */
export const webhookCreateBodySchema = z
  .strictObject({
    ...resourceFields,
    properties: z.strictObject(
      {
        serviceUri: serviceUriSchema,
        customHeaders: customHeadersSchema.optional(),
        actions: actionsSchema,
        status: statusSchema.default("enabled"),
        scope: scopeSchema.default(""),
        payloadFormat: payloadFormatSchema.default(DEFAULT_PAYLOAD_FORMAT),
        provisioningState: provisioningStateSchema,
        disabledReason: disabledReasonInputSchema,
      },
      { error: PROPERTIES_MESSAGE },
    ),
  })
  .meta({ description: "A webhook to create or replace; the name comes from the path." });

/** PATCH: changes only the properties given; the others keep their stored values. */
export const webhookUpdateBodySchema = z
  .strictObject({
    ...resourceFields,
    properties: z
      .strictObject(
        {
          serviceUri: serviceUriSchema.optional(),
          customHeaders: customHeadersSchema.optional(),
          actions: actionsSchema.optional(),
          status: statusSchema.optional(),
          scope: scopeSchema.optional(),
          payloadFormat: payloadFormatSchema.optional(),
          provisioningState: provisioningStateSchema,
          disabledReason: disabledReasonInputSchema,
        },
        { error: PROPERTIES_MESSAGE },
      )
      .optional(),
  })
  .meta({ description: "The properties to change; customHeaders, when given, replaces all of them." });

export type WebhookCreateBody = z.output<typeof webhookCreateBodySchema>;
export type WebhookUpdateBody = z.output<typeof webhookUpdateBodySchema>;

// --- Errors as ARM details -------------------------------------------------------------------

/** Where each form field lives in the API: the name in the path, the rest under properties. */
export const TARGET_OF_FIELD: Record<string, string> = {
  name: "name",
  serviceUri: "properties.serviceUri",
  customHeaders: "properties.customHeaders",
  actions: "properties.actions",
  status: "properties.status",
  scope: "properties.scope",
  payloadFormat: "properties.payloadFormat",
  form: "properties",
};

/** A form's or operation's field errors as ARM details, in the form's field order. */
export const fieldErrorsToDetails = (fieldErrors: Record<string, string>): ErrorDetail[] =>
  Object.entries(fieldErrors).map(([field, message]) => ({ target: TARGET_OF_FIELD[field] ?? `properties.${field}`, message }));

const unknownKeyMessage = (where: readonly PropertyKey[], key: string) =>
  where.length === 0
    ? `"${key}" is not part of a webhook; send its settings under "properties".`
    : `"${key}" is not a webhook property; the writable ones are ${WRITABLE.join(", ")}.`;

/** The position of `key` among the custom headers sent, for the form's "Line N:" words. */
const headerPosition = (body: unknown, key: string) => {
  const headers = (body as { properties?: { customHeaders?: unknown } } | null)?.properties?.customHeaders;
  const keys = headers && typeof headers === "object" ? Object.keys(headers) : [];
  return keys.indexOf(key) + 1;
};

/**
 * zod issues as ARM details: one per field (its first problem, as the form shows one), one
 * per unknown key. A problem with one custom header reads as the form's, "Line N: ...".
 */
export const issuesToDetails = (issues: readonly z.core.$ZodIssue[], body: unknown): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  const add = (target: string, message: string) => {
    if (seen.has(target)) return;
    seen.add(target);
    details.push({ target, message });
  };
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...path, key].join("."), unknownKeyMessage(path, key));
      continue;
    }
    if (path[0] === "properties" && path[1] === "customHeaders" && path.length > 2) {
      const inner = issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
      add("properties.customHeaders", `Line ${headerPosition(body, path[2])}: ${inner}`);
      continue;
    }
    add(path.slice(0, 2).join(".") || "properties", issue.message);
  }
  return details;
};

export type BodyParse<T> = { ok: true; data: T } | { ok: false; details: ErrorDetail[] };

/** Parses a PUT or PATCH body (already JSON) with its schema; refusals as ARM details. */
export const parseWebhookBody = <S extends typeof webhookCreateBodySchema | typeof webhookUpdateBodySchema>(
  schema: S,
  body: unknown,
): BodyParse<z.output<S>> => {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data as z.output<S> } : { ok: false, details: issuesToDetails(parsed.error.issues, body) };
};

// --- Bodies to the form's values -----------------------------------------------------------

/** PUT: the form's values for creating `name`, or replacing it. */
export const createValues = (name: string, body: WebhookCreateBody): WebhookFormValues => ({
  name,
  serviceUri: body.properties.serviceUri,
  customHeaders: body.properties.customHeaders ?? "",
  actions: body.properties.actions,
  status: body.properties.status,
  scope: body.properties.scope,
  payloadFormat: body.properties.payloadFormat,
});

/** PATCH: the stored values with the given properties laid over them. */
export const patchValues = (current: CurrentWebhookValues, body: WebhookUpdateBody): CurrentWebhookValues => {
  const given = body.properties ?? {};
  return {
    serviceUri: given.serviceUri ?? current.serviceUri,
    customHeaders: given.customHeaders ?? current.customHeaders,
    actions: given.actions ?? current.actions,
    status: given.status ?? current.status,
    scope: given.scope ?? current.scope,
    payloadFormat: given.payloadFormat ?? current.payloadFormat,
  };
};
