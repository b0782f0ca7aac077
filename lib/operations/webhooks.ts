import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit, type AuditAction } from "../audit/record";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { sendPing } from "../delivery/ping";
import { sendSample } from "../delivery/send-sample";
import { deleteDeliveriesOf } from "../delivery/pruning";
import { redeliver } from "../delivery/redeliver";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { findRegistry } from "../registry/queries";
import { formatCustomHeaders, type HeaderPair } from "../webhooks/headers";
import { MANUAL_SENDS_PER_MINUTE, manualSendThrottle } from "../webhooks/manual-send-limit";
import { actionsOf, disabledReasonOf, statusChangeColumns, statusOf, toWebhookColumns } from "../webhooks/mapping";
import { payloadFormatOf } from "../webhooks/payload-format";
import { sampleRequestSchema, type SampleAction } from "../webhooks/sample-schema";
import { webhookPath, webhooksPath } from "../webhooks/paths";
import {
  findWebhookItem,
  findWebhookId,
  findWebhookRow,
  listWebhookPage,
  WEBHOOKS_PAGE_SIZE,
  type WebhookItem,
  type WebhookPageRequest,
} from "../webhooks/queries";
import { webhookSchema, webhookUpdateSchema, type WebhookFormValues } from "../webhooks/schema";
import { revealSecret, rotateSecret } from "../webhooks/signing";
import type { WebhookListItem } from "../webhooks/types";
import { defineOperation, type AnyOperation, type Caller } from "./operation";

// What reading, creating, changing, deleting, pinging... a webhook does, whoever asks: the
// blade's pages and server actions (lib/actions/webhooks.ts) and the REST API
// (lib/api/webhook-resource.ts) all call these, so the role each needs, validation messages,
// the uniqueness rule, the rate limit, sending and the audit log are one code path. Every
// lookup goes through the registry named in the URL. Not a "use server" module: nothing here
// is callable from the browser.

type RegistryMissing = { kind: "registry-missing" };
type Missing = { kind: "missing" };
type Invalid = { kind: "invalid"; fieldErrors: FieldErrors };
type RateLimited = { kind: "rate-limited"; retryInSeconds: number };

/** The registry or the webhook named in the call does not exist: every adapter answers "not found". */
export const isNotFound = (result: { kind: string }): result is RegistryMissing | Missing =>
  result.kind === "registry-missing" || result.kind === "missing";

const REGISTRY_MISSING: RegistryMissing = { kind: "registry-missing" };
const MISSING: Missing = { kind: "missing" };

// --- Messages every adapter shows ---------------------------------------------------------

export const registryMissingMessage = (registry: string) => `Registry "${registry}" does not exist.`;
export const webhookMissingMessage = (registry: string, webhook: string) => `Webhook "${webhook}" does not exist in ${registry}.`;
export const nameTakenMessage = (name: string, registry: string) =>
  `A webhook named "${name}" already exists in ${registry}. Choose another name.`;
export const eventMissingMessage = (eventId: string, webhook: string) => `Event "${eventId}" does not exist for webhook ${webhook}.`;
export const rateLimitedMessage = (verb: "Ping" | "Redeliver", retryInSeconds: number) =>
  `Too many requests: Ping and Redeliver are limited to ${MANUAL_SENDS_PER_MINUTE} a minute per webhook for each user. ${verb} again in ${retryInSeconds} s.`;

export const sampleRateLimitedMessage = (retryInSeconds: number) =>
  `Too many requests: samples, Ping and Redeliver share a limit of ${MANUAL_SENDS_PER_MINUTE} a minute per webhook for each user. Send a sample again in ${retryInSeconds} s.`;
export const sampleActionNotSubscribedMessage = (webhook: string, action: SampleAction) =>
  `Webhook "${webhook}" does not get ${action} events, so a sample ${action} would show nothing it will ever receive. Add the ${action === "push" ? "Push" : "Delete"} action in Configure, or send the other sample.`;

/**
 * The list/table view of a written webhook (no secrets), so callers need not read it back;
 * `before` is the stored row it replaced (a status left as it was keeps its reason).
 */
const listItemOf = (
  name: string,
  input: Pick<WebhookListItem, "actions" | "status" | "scope" | "payloadFormat">,
  before?: { status: string; disabledReason: string },
): WebhookListItem => ({
  name,
  actions: input.actions,
  status: input.status,
  disabledReason: before && statusOf(before.status) === input.status ? disabledReasonOf(before.status, before.disabledReason) : disabledReasonOf(input.status, "admin"),
  scope: input.scope,
  payloadFormat: input.payloadFormat,
});

export const audit = (caller: Caller, action: AuditAction, target: string, detail?: string) =>
  recordAudit({ actor: { id: caller.principal.id, email: caller.principal.email }, action, target, detail, ipAddress: caller.ipAddress });

/** Pages that list or show the webhooks of a registry: stale after any change. */
export const revalidateWebhooks = (registry: string) => revalidatePath(webhooksPath(registry), "layout");

/**
 * The stored row (secrets opened) within its registry, or which of the two is missing. One
 * query when the webhook exists (the registry is matched by name within it); the registry is
 * looked up on its own only to tell the two misses apart.
 */
export const findStored = async (registryName: string, webhookName: string) => {
  const registry = String(registryName);
  const webhook = await findWebhookRow(registry, String(webhookName));
  if (webhook) return { kind: "found" as const, registry, webhook };
  return (await findRegistry(registry)) ? MISSING : REGISTRY_MISSING;
};

// --- Reading (Reader and up) ----------------------------------------------------------------

/**
 * One page of the registry's webhooks, by name, filtered (the blade's list, the API's list);
 * the first page of WEBHOOKS_PAGE_SIZE when no page is asked for.
 */
export const listRegistryWebhooks = defineOperation(
  "webhooks.list",
  "reader",
  async (_caller: Caller, registryName: string, request: WebhookPageRequest = { limit: WEBHOOKS_PAGE_SIZE }) => {
    const registry = await findRegistry(String(registryName));
    if (!registry) return REGISTRY_MISSING;
    return { kind: "list" as const, registry: registry.name, ...(await listWebhookPage(registry.id, request)) };
  },
);

/** A webhook's public fields, without opening its secrets (reading never needs them). */
export const getWebhook = defineOperation(
  "webhooks.get",
  "reader",
  async (_caller: Caller, registryName: string, webhookName: string): Promise<RegistryMissing | Missing | { kind: "found"; registry: string; webhook: WebhookItem }> => {
    const registry = await findRegistry(String(registryName));
    if (!registry) return REGISTRY_MISSING;
    const webhook = await findWebhookItem(registry.id, String(webhookName));
    return webhook ? { kind: "found", registry: registry.name, webhook } : MISSING;
  },
);

type EventsRead<T> = RegistryMissing | Missing | { kind: "events"; registry: string; webhook: WebhookItem; events: T };

/** readEvents keeps the type of what `read` returns (defineOperation's signature cannot be generic). */
type ReadEvents = Pick<AnyOperation, "operationName" | "least"> &
  (<T>(caller: Caller, registryName: string, webhookName: string, read: (webhook: WebhookItem) => Promise<T>) => Promise<EventsRead<T>>);

/**
 * A webhook's events, read by `read` (each adapter picks its shape: the blade's table, ARM's
 * event list, one event's detail) once the webhook is found within its registry.
 */
export const readEvents = defineOperation(
  "webhooks.read-events",
  "reader",
  async (caller: Caller, registryName: string, webhookName: string, read: (webhook: WebhookItem) => Promise<unknown>): Promise<EventsRead<unknown>> => {
    const found = await getWebhook(caller, registryName, webhookName);
    if (found.kind !== "found") return found;
    return { kind: "events", registry: found.registry, webhook: found.webhook, events: await read(found.webhook) };
  },
) as ReadEvents;

// --- Create, update, delete (Contributor) ----------------------------------------------------

export type CreateResult =
  | RegistryMissing
  | Invalid
  | { kind: "name-taken"; name: string; registry: string }
  | { kind: "created"; registry: string; webhook: WebhookListItem };

/** Validates `values` with the form's schema and creates the webhook; the name must be free. */
export const createWebhook = defineOperation("webhooks.create", "contributor", async (caller: Caller, registryName: string, values: unknown): Promise<CreateResult> => {
  const registry = await findRegistry(String(registryName));
  if (!registry) return REGISTRY_MISSING;
  const parsed = webhookSchema.safeParse(values);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };

  const { name } = parsed.data;
  try {
    await db.webhook.create({ data: { registryId: registry.id, name, ...toWebhookColumns(parsed.data), ...statusChangeColumns(parsed.data.status, null) } });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "name-taken", name, registry: registry.name };
    throw error;
  }
  await audit(caller, "webhook.create", `${registry.name}/${name}`);
  revalidateWebhooks(registry.name);
  return { kind: "created", registry: registry.name, webhook: listItemOf(name, parsed.data) };
});

/** The form's values (everything but the name) for a stored webhook, secrets in plaintext. */
export type CurrentWebhookValues = Omit<WebhookFormValues, "name">;

export type UpdateResult = RegistryMissing | Missing | Invalid | { kind: "updated"; webhook: WebhookListItem };

/** The stored webhook's current values, as the form would show them unmasked. */
const currentValuesOf = (webhook: NonNullable<Awaited<ReturnType<typeof findWebhookRow>>>): CurrentWebhookValues => ({
  serviceUri: webhook.serviceUri,
  customHeaders: formatCustomHeaders(webhook.customHeaders),
  actions: actionsOf(webhook.actions),
  status: statusOf(webhook.status),
  scope: webhook.scope,
  payloadFormat: payloadFormatOf(webhook.payloadFormat),
});

/**
 * Validates the submitted values with the form's update schema and writes them. A service URI
 * or header value left masked ("******") keeps the stored one, as Configure does.
 */
const applyUpdate = async (
  caller: Caller,
  registryName: string,
  webhookName: string,
  submit: (current: CurrentWebhookValues) => unknown,
): Promise<UpdateResult> => {
  const found = await findStored(registryName, webhookName);
  if (found.kind !== "found") return found;
  const { registry, webhook } = found;
  const parsed = webhookUpdateSchema.safeParse(submit(currentValuesOf(webhook)));
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };

  // The status is written only when the admin changed it: a save that left it as it was must
  // not undo a Disable the worker recorded meanwhile (WEBHOOK_DISABLE_AFTER).
  const { status: _unchanged, ...columns } = toWebhookColumns(parsed.data, webhook);
  await db.webhook.update({ where: { id: webhook.id }, data: { ...columns, ...statusChangeColumns(parsed.data.status, webhook.status) } });
  await audit(caller, "webhook.update", `${registry}/${webhook.name}`);
  revalidateWebhooks(registry);
  return { kind: "updated", webhook: listItemOf(webhook.name, parsed.data, webhook) };
};

/** Replaces every writable value (Configure's Save, the API's PUT on an existing webhook). */
export const updateWebhook = defineOperation("webhooks.update", "contributor", (caller: Caller, registryName: string, webhookName: string, values: unknown) =>
  applyUpdate(caller, registryName, webhookName, () => values),
);

/** Changes some values: `merge` fills in the rest from the current ones (the API's PATCH). */
export const patchWebhook = defineOperation(
  "webhooks.patch",
  "contributor",
  (caller: Caller, registryName: string, webhookName: string, merge: (current: CurrentWebhookValues) => unknown) =>
    applyUpdate(caller, registryName, webhookName, merge),
);

export const deleteWebhook = defineOperation(
  "webhooks.delete",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string): Promise<RegistryMissing | Missing | { kind: "deleted" }> => {
    // Without opening its secrets: a webhook saved under another SECRET_KEY can still be deleted.
    const registry = String(registryName);
    const webhook = await findWebhookId(registry, String(webhookName));
    if (!webhook) return (await findRegistry(registry)) ? MISSING : REGISTRY_MISSING;
    // Its events first, in batches that let other requests through (a webhook may have 100,000;
    // one cascading DELETE froze the server for seconds), then the row, with whatever events
    // arrived meanwhile (onDelete: Cascade).
    await deleteDeliveriesOf(webhook.id);
    const { count } = await db.webhook.deleteMany({ where: { id: webhook.id } });
    if (count === 0) return MISSING;
    await audit(caller, "webhook.delete", `${registry}/${webhook.name}`);
    revalidateWebhooks(registry);
    return { kind: "deleted" };
  },
);

// --- Ping, samples and Redeliver: sent at once, limited (Contributor) -----------------------

/** GitLab's limit: per webhook and per user, Ping, samples and Redeliver together. */
const takeManualSend = async (webhookId: string, userId: string): Promise<RateLimited | null> => {
  const retryInSeconds = await manualSendThrottle(webhookId, userId);
  return retryInSeconds === null ? null : { kind: "rate-limited", retryInSeconds };
};

export type Sent = { kind: "sent"; eventId: string; httpStatus: string; isSuccess: boolean };

/** Sends a ping now (enabled or not, as in ACR) and records it as an event. */
export const pingWebhook = defineOperation(
  "webhooks.ping",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string): Promise<RegistryMissing | Missing | RateLimited | Sent> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    const limited = await takeManualSend(webhook.id, caller.principal.id);
    if (limited) return limited;
    const { id, httpStatus, isSuccess } = await sendPing(webhook, registry);
    await audit(caller, "webhook.ping", `${registry}/${webhook.name}`, `HTTP ${httpStatus || "no response"}`);
    return { kind: "sent", eventId: id, httpStatus, isSuccess };
  },
);

/**
 * Sends a sample push or delete now (enabled or not, as Ping) and records it as an event.
 * Only for an action the webhook gets: a sample is "what you will receive", and GitHub's
 * test push is likewise not sent to a hook that is not subscribed to pushes. Refusals
 * (a bad action, an action the webhook does not get) spend none of the manual-send budget.
 */
export const sendSampleEvent = defineOperation(
  "webhooks.send-sample",
  "contributor",
  async (
    caller: Caller,
    registryName: string,
    webhookName: string,
    input: unknown,
  ): Promise<RegistryMissing | Missing | Invalid | { kind: "not-subscribed"; webhook: string; action: SampleAction } | RateLimited | Sent> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    const parsed = sampleRequestSchema.safeParse(input);
    if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { action } = parsed.data;
    if (!actionsOf(webhook.actions).includes(action)) return { kind: "not-subscribed", webhook: webhook.name, action };
    const limited = await takeManualSend(webhook.id, caller.principal.id);
    if (limited) return limited;
    const host = (await findRegistry(registry))?.host ?? "";
    const { id, httpStatus, isSuccess } = await sendSample(webhook, { name: registry, host }, action);
    await audit(caller, "webhook.send-sample", `${registry}/${webhook.name}`, `Sample ${action}: HTTP ${httpStatus || "no response"}`);
    return { kind: "sent", eventId: id, httpStatus, isSuccess };
  },
);

export const redeliverEvent = defineOperation(
  "webhooks.redeliver",
  "contributor",
  async (
    caller: Caller,
    registryName: string,
    webhookName: string,
    eventId: string,
  ): Promise<RegistryMissing | Missing | RateLimited | { kind: "event-missing"; webhook: string } | { kind: "refused"; message: string } | Sent> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    const limited = await takeManualSend(webhook.id, caller.principal.id);
    if (limited) return limited;
    const sent = await redeliver(webhook, String(eventId));
    if (sent.kind === "missing") return { kind: "event-missing", webhook: webhook.name };
    if (sent.kind === "refused") return { kind: "refused", message: sent.message };
    await audit(caller, "webhook.redeliver", `${registry}/${webhook.name}`, `Event ${eventId}`);
    return { kind: "sent", eventId: String(eventId), httpStatus: sent.httpStatus, isSuccess: sent.isSuccess };
  },
);

// --- Secrets revealed or changed on purpose (Contributor) -------------------------------------

/** The unmasked service URI and custom headers (az acr webhook get-config); audited. */
export const getCallbackConfig = defineOperation(
  "webhooks.get-callback-config",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string): Promise<RegistryMissing | Missing | { kind: "config"; serviceUri: string; customHeaders: HeaderPair[] }> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    await audit(caller, "webhook.get-config", `${registry}/${webhook.name}`);
    return { kind: "config", serviceUri: webhook.serviceUri, customHeaders: webhook.customHeaders };
  },
);

/** Generates the first signing secret, or rotates it (the old one keeps signing for 24 hours). */
export const rotateSigningSecret = defineOperation(
  "webhooks.rotate-signing-secret",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string): Promise<RegistryMissing | Missing | { kind: "secret"; secret: string }> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    const secret = await rotateSecret(webhook);
    await audit(caller, "webhook.rotate-signing-secret", `${registry}/${webhook.name}`);
    revalidatePath(webhookPath(registry, webhook.name));
    return { kind: "secret", secret };
  },
);

export const revealSigningSecret = defineOperation(
  "webhooks.reveal-signing-secret",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string): Promise<RegistryMissing | Missing | { kind: "unsigned" } | { kind: "secret"; secret: string }> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    const secret = revealSecret(webhook);
    if (!secret) return { kind: "unsigned" };
    await audit(caller, "webhook.reveal-signing-secret", `${registry}/${webhook.name}`);
    return { kind: "secret", secret };
  },
);
