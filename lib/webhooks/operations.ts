import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { sendPing } from "../delivery/ping";
import { deleteDeliveriesOf } from "../delivery/pruning";
import { redeliver } from "../delivery/redeliver";
import { formatCustomHeaders, type HeaderPair } from "./headers";
import { MANUAL_SENDS_PER_MINUTE, manualSendThrottle } from "./manual-send-limit";
import { actionsOf, statusOf, toWebhookColumns } from "./mapping";
import { webhookPath, webhooksPath } from "./paths";
import { findWebhookRow } from "./queries";
import { findRegistry } from "../registry/queries";
import { webhookSchema, webhookUpdateSchema, type WebhookFormValues } from "./schema";
import { fieldErrorsOf } from "../forms/field-errors";
import { revealSecret, rotateSecret } from "./signing";
import type { WebhookListItem } from "./types";

// What creating, changing, deleting, pinging... a webhook does, whoever asks: the server
// actions (the blade) and the REST API (/api/registries/...) both call these, so validation
// messages, the uniqueness rule, the rate limit, sending and the audit log are one code path.
// Checking the caller's role is NOT done here: each caller does it its own way first
// (requireActionUser for actions, authorizeRequest for routes). Not a "use server" module:
// nothing here is callable from the browser.

/** Who asked, for the audit log and the per-user rate limit. */
export type OperationContext = { actor: { id: string; email: string }; ipAddress: string };

export type FieldErrors = Record<string, string>;

type Missing = { kind: "missing" };
type Invalid = { kind: "invalid"; fieldErrors: FieldErrors };
type RateLimited = { kind: "rate-limited"; retryInSeconds: number };

const MISSING: Missing = { kind: "missing" };

// --- Messages both callers show ---------------------------------------------------------

export const registryMissingMessage = (registry: string) => `Registry "${registry}" does not exist.`;
export const webhookMissingMessage = (registry: string, webhook: string) => `Webhook "${webhook}" does not exist in ${registry}.`;
export const nameTakenMessage = (name: string, registry: string) =>
  `A webhook named "${name}" already exists in ${registry}. Choose another name.`;
export const eventMissingMessage = (eventId: string, webhook: string) => `Event "${eventId}" does not exist for webhook ${webhook}.`;
export const rateLimitedMessage = (verb: "Ping" | "Redeliver", retryInSeconds: number) =>
  `Too many requests: Ping and Redeliver are limited to ${MANUAL_SENDS_PER_MINUTE} a minute per webhook for each user. ${verb} again in ${retryInSeconds} s.`;

/** The list/table view of a written webhook (no secrets), so callers need not read it back. */
const listItemOf = (name: string, input: { actions: WebhookListItem["actions"]; status: WebhookListItem["status"]; scope: string }): WebhookListItem => ({
  name,
  actions: input.actions,
  status: input.status,
  scope: input.scope,
});

const audit = (context: OperationContext, action: Parameters<typeof recordAudit>[0]["action"], target: string, detail?: string) =>
  recordAudit({ actor: context.actor, action, target, detail, ipAddress: context.ipAddress });

/** Pages that list or show the webhooks of a registry: stale after any change. */
const revalidateWebhooks = (registry: string) => revalidatePath(webhooksPath(registry), "layout");

// --- Create, update, delete ----------------------------------------------------------------

export type CreateResult =
  | { kind: "registry-missing" }
  | Invalid
  | { kind: "name-taken"; name: string; registry: string }
  | { kind: "created"; registry: string; webhook: WebhookListItem };

/** Validates `values` with the form's schema and creates the webhook; the name must be free. */
export const createWebhook = async (context: OperationContext, registryName: string, values: unknown): Promise<CreateResult> => {
  const registry = await findRegistry(String(registryName));
  if (!registry) return { kind: "registry-missing" };
  const parsed = webhookSchema.safeParse(values);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };

  const { name } = parsed.data;
  try {
    await db.webhook.create({ data: { registryId: registry.id, name, ...toWebhookColumns(parsed.data) } });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "name-taken", name, registry: registry.name };
    throw error;
  }
  await audit(context, "webhook.create", `${registry.name}/${name}`);
  revalidateWebhooks(registry.name);
  return { kind: "created", registry: registry.name, webhook: listItemOf(name, parsed.data) };
};

/** The form's values (everything but the name) for a stored webhook, secrets in plaintext. */
export type CurrentWebhookValues = Omit<WebhookFormValues, "name">;

export type UpdateResult = Missing | Invalid | { kind: "updated"; webhook: WebhookListItem };

/** The stored webhook's current values, as the form would show them unmasked. */
const currentValuesOf = (webhook: NonNullable<Awaited<ReturnType<typeof findWebhookRow>>>): CurrentWebhookValues => ({
  serviceUri: webhook.serviceUri,
  customHeaders: formatCustomHeaders(webhook.customHeaders),
  actions: actionsOf(webhook.actions),
  status: statusOf(webhook.status),
  scope: webhook.scope,
});

/**
 * Validates the submitted values with the form's update schema and writes them. A service URI
 * or header value left masked ("******") keeps the stored one, as Configure does.
 */
const applyUpdate = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
  submit: (current: CurrentWebhookValues) => unknown,
): Promise<UpdateResult> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  const parsed = webhookUpdateSchema.safeParse(submit(currentValuesOf(webhook)));
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };

  await db.webhook.update({ where: { id: webhook.id }, data: toWebhookColumns(parsed.data, webhook) });
  await audit(context, "webhook.update", `${registryName}/${webhook.name}`);
  revalidateWebhooks(String(registryName));
  return { kind: "updated", webhook: listItemOf(webhook.name, parsed.data) };
};

/** Replaces every writable value (Configure's Save, the API's PUT on an existing webhook). */
export const updateWebhook = (context: OperationContext, registryName: string, webhookName: string, values: unknown) =>
  applyUpdate(context, registryName, webhookName, () => values);

/** Changes some values: `merge` fills in the rest from the current ones (the API's PATCH). */
export const patchWebhook = (
  context: OperationContext,
  registryName: string,
  webhookName: string,
  merge: (current: CurrentWebhookValues) => unknown,
) => applyUpdate(context, registryName, webhookName, merge);

export const deleteWebhook = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
): Promise<Missing | { kind: "deleted" }> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  // Its events first, in batches that let other requests through (a webhook may have 100,000;
  // one cascading DELETE froze the server for seconds), then the row, with whatever events
  // arrived meanwhile (onDelete: Cascade).
  await deleteDeliveriesOf(webhook.id);
  const { count } = await db.webhook.deleteMany({ where: { id: webhook.id } });
  if (count === 0) return MISSING;
  await audit(context, "webhook.delete", `${registryName}/${webhook.name}`);
  revalidateWebhooks(String(registryName));
  return { kind: "deleted" };
};

// --- Ping and Redeliver: sent at once, limited --------------------------------------------

/** GitLab's limit: per webhook and per user, Ping and Redeliver together. */
const takeManualSend = async (webhookId: string, userId: string): Promise<RateLimited | null> => {
  const retryInSeconds = await manualSendThrottle(webhookId, userId);
  return retryInSeconds === null ? null : { kind: "rate-limited", retryInSeconds };
};

export type Sent = { kind: "sent"; eventId: string; httpStatus: string; isSuccess: boolean };

/** Sends a ping now (enabled or not, as in ACR) and records it as an event. */
export const pingWebhook = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
): Promise<Missing | RateLimited | Sent> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  const limited = await takeManualSend(webhook.id, context.actor.id);
  if (limited) return limited;
  const { id, httpStatus, isSuccess } = await sendPing(webhook);
  await audit(context, "webhook.ping", `${registryName}/${webhook.name}`, `HTTP ${httpStatus || "no response"}`);
  return { kind: "sent", eventId: id, httpStatus, isSuccess };
};

export const redeliverEvent = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
  eventId: string,
): Promise<Missing | RateLimited | { kind: "event-missing"; webhook: string } | { kind: "refused"; message: string } | Sent> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  const limited = await takeManualSend(webhook.id, context.actor.id);
  if (limited) return limited;
  const sent = await redeliver(webhook, String(eventId));
  if (sent.kind === "missing") return { kind: "event-missing", webhook: webhook.name };
  if (sent.kind === "refused") return { kind: "refused", message: sent.message };
  await audit(context, "webhook.redeliver", `${registryName}/${webhook.name}`, `Event ${eventId}`);
  return { kind: "sent", eventId: String(eventId), httpStatus: sent.httpStatus, isSuccess: sent.isSuccess };
};

// --- Secrets revealed on purpose ----------------------------------------------------------

/** The unmasked service URI and custom headers (az acr webhook get-config); audited. */
export const getCallbackConfig = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
): Promise<Missing | { kind: "config"; serviceUri: string; customHeaders: HeaderPair[] }> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  await audit(context, "webhook.get-config", `${registryName}/${webhook.name}`);
  return { kind: "config", serviceUri: webhook.serviceUri, customHeaders: webhook.customHeaders };
};

/** Generates the first signing secret, or rotates it (the old one keeps signing for 24 hours). */
export const rotateSigningSecret = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
): Promise<Missing | { kind: "secret"; secret: string }> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  const secret = await rotateSecret(webhook);
  await audit(context, "webhook.rotate-signing-secret", `${registryName}/${webhook.name}`);
  revalidatePath(webhookPath(String(registryName), webhook.name));
  return { kind: "secret", secret };
};

export const revealSigningSecret = async (
  context: OperationContext,
  registryName: string,
  webhookName: string,
): Promise<Missing | { kind: "unsigned" } | { kind: "secret"; secret: string }> => {
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return MISSING;
  const secret = revealSecret(webhook);
  if (!secret) return { kind: "unsigned" };
  await audit(context, "webhook.reveal-signing-secret", `${registryName}/${webhook.name}`);
  return { kind: "secret", secret };
};
