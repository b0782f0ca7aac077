"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { requireActionUser } from "../auth/guards";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { sendPing } from "../delivery/ping";
import { redeliver } from "../delivery/redeliver";
import { createRateLimiter, MANUAL_SENDS_PER_MINUTE, type RateLimiter } from "./rate-limit";
import { formatCustomHeaders, type HeaderPair } from "./headers";
import { revealSecret, rotateSecret } from "./signing";
import { toWebhookColumns } from "./mapping";
import { webhookPath, webhooksPath } from "./paths";
import { findRegistry, findWebhookRow } from "./queries";
import { fieldErrorsOf, invalidFields, webhookSchema, webhookUpdateSchema } from "./schema";
import type { ActionResult } from "./types";

// Server actions are public endpoints: each one checks the caller's role first (401/403),
// re-validates its input with the same zod schema the form uses, looks every id up within
// its registry before writing, and records what it did in the audit log.

const nameTaken = (name: string, registry: string): ActionResult =>
  invalidFields({ name: `A webhook named "${name}" already exists in ${registry}. Choose another name.` });

const noSuchWebhook = (registry: string, webhook: string) => ({
  ok: false as const,
  message: `Webhook "${webhook}" does not exist in ${registry}.`,
});

export async function createWebhook(registryName: string, values: unknown): Promise<ActionResult> {
  const user = await requireActionUser("contributor");
  const registry = await findRegistry(String(registryName));
  if (!registry) return { ok: false, message: `Registry "${registryName}" does not exist.` };
  const parsed = webhookSchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));

  const { name } = parsed.data;
  try {
    await db.webhook.create({ data: { registryId: registry.id, name, ...toWebhookColumns(parsed.data) } });
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(name, registry.name);
    throw error;
  }
  await recordAudit({ actor: user, action: "webhook.create", target: `${registry.name}/${name}` });
  revalidatePath(webhooksPath(registry.name), "layout");
  return { ok: true, href: webhookPath(registry.name, name) };
}

export async function updateWebhook(
  registryName: string,
  webhookName: string,
  values: unknown,
): Promise<ActionResult> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  const parsed = webhookUpdateSchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));

  await db.webhook.update({ where: { id: webhook.id }, data: toWebhookColumns(parsed.data, webhook) });
  await recordAudit({ actor: user, action: "webhook.update", target: `${registryName}/${webhook.name}` });
  revalidatePath(webhooksPath(registryName), "layout");
  return { ok: true, href: webhookPath(registryName, webhook.name) };
}

export async function deleteWebhook(registryName: string, webhookName: string): Promise<ActionResult> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  // Events go with it (onDelete: Cascade).
  await db.webhook.delete({ where: { id: webhook.id } });
  await recordAudit({ actor: user, action: "webhook.delete", target: `${registryName}/${webhook.name}` });
  revalidatePath(webhooksPath(registryName), "layout");
  return { ok: true, href: webhooksPath(registryName) };
}

/** What Ping and Redeliver answer: the attempt's outcome, shown at once. */
export type PingResult =
  | { ok: true; eventId: string; httpStatus: string; isSuccess: boolean }
  | { ok: false; message: string };

const globalForLimits = globalThis as unknown as { manualSendLimiter?: RateLimiter };
const manualSends = (globalForLimits.manualSendLimiter ??= createRateLimiter());

/** GitLab's limit: per webhook and per user. */
const rateLimited = (webhookId: string, userId: string, verb: string): PingResult | null => {
  const verdict = manualSends.take(`${webhookId}|${userId}`);
  if (verdict.isAllowed) return null;
  return {
    ok: false,
    message: `Too many requests: Ping and Redeliver are limited to ${MANUAL_SENDS_PER_MINUTE} a minute per webhook for each user. ${verb} again in ${verdict.retryInSeconds} s.`,
  };
};

export async function pingWebhook(registryName: string, webhookName: string): Promise<PingResult> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  const limited = rateLimited(webhook.id, user.id, "Ping");
  if (limited) return limited;
  const { id, httpStatus, isSuccess } = await sendPing(webhook);
  await recordAudit({ actor: user, action: "webhook.ping", target: `${registryName}/${webhook.name}`, detail: `HTTP ${httpStatus || "no response"}` });
  return { ok: true, eventId: id, httpStatus, isSuccess };
}

export async function redeliverEvent(registryName: string, webhookName: string, eventId: string): Promise<PingResult> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  const limited = rateLimited(webhook.id, user.id, "Redeliver");
  if (limited) return limited;
  const sent = await redeliver(webhook, String(eventId));
  if (sent.kind === "missing") return { ok: false, message: `Event "${eventId}" does not exist for webhook ${webhook.name}.` };
  if (sent.kind === "refused") return { ok: false, message: sent.message };
  await recordAudit({ actor: user, action: "webhook.redeliver", target: `${registryName}/${webhook.name}`, detail: `Event ${eventId}` });
  return { ok: true, eventId: String(eventId), httpStatus: sent.httpStatus, isSuccess: sent.isSuccess };
}

export type SecretResult = { ok: true; secret: string } | { ok: false; message: string };

/** Generates the first signing secret, or rotates it (the old one keeps signing for 24 hours). */
export async function rotateSigningSecret(registryName: string, webhookName: string): Promise<SecretResult> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  const secret = await rotateSecret(webhook);
  await recordAudit({ actor: user, action: "webhook.rotate-signing-secret", target: `${registryName}/${webhook.name}` });
  revalidatePath(webhookPath(registryName, webhook.name));
  return { ok: true, secret };
}

export async function revealSigningSecret(registryName: string, webhookName: string): Promise<SecretResult> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  const secret = revealSecret(webhook);
  if (secret) await recordAudit({ actor: user, action: "webhook.reveal-signing-secret", target: `${registryName}/${webhook.name}` });
  return secret ? { ok: true, secret } : { ok: false, message: "This webhook has no signing secret yet." };
}

export type CallbackConfig = { ok: true; serviceUri: string; customHeaders: string } | { ok: false; message: string };

/** The unmasked service URI and custom headers, on purpose (az acr webhook get-config). */
export async function getCallbackConfig(registryName: string, webhookName: string): Promise<CallbackConfig> {
  const user = await requireActionUser("contributor");
  const webhook = await findWebhookRow(String(registryName), String(webhookName));
  if (!webhook) return noSuchWebhook(registryName, webhookName);
  await recordAudit({ actor: user, action: "webhook.get-config", target: `${registryName}/${webhook.name}` });
  const headers = JSON.parse(webhook.customHeaders) as HeaderPair[];
  return { ok: true, serviceUri: webhook.serviceUri, customHeaders: formatCustomHeaders(headers) };
}
