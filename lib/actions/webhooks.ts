"use server";

import { invalidFields } from "../forms/field-errors";
import * as webhooks from "../operations/webhooks";
import { formatCustomHeaders } from "../webhooks/headers";
import { webhookPath, webhooksPath } from "../webhooks/paths";
import { SAMPLE_ACTION_MESSAGE } from "../webhooks/sample-schema";
import type { ActionResult } from "../webhooks/types";
import { toAction } from "./to-action";

// The blade's server actions over webhooks: public endpoints, each the adapter of one operation
// in lib/operations/webhooks.ts (which declares the role it needs, validates, writes and
// audits). These only turn its results into the words and shapes the blade shows.

/** The blade names the webhook whether it or its registry is gone. */
const noSuchWebhook = (registry: string, webhook: string) => ({
  ok: false as const,
  message: webhooks.webhookMissingMessage(registry, webhook),
});

export const createWebhook = toAction(webhooks.createWebhook, (result, registryName): ActionResult => {
  switch (result.kind) {
    case "registry-missing":
      return { ok: false, message: webhooks.registryMissingMessage(registryName) };
    case "invalid":
      return invalidFields(result.fieldErrors);
    case "name-taken":
      return invalidFields({ name: webhooks.nameTakenMessage(result.name, result.registry) });
    case "created":
      return { ok: true, href: webhookPath(result.registry, result.webhook.name) };
  }
});

export const updateWebhook = toAction(webhooks.updateWebhook, (result, registryName, webhookName): ActionResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  if (result.kind === "invalid") return invalidFields(result.fieldErrors);
  return { ok: true, href: webhookPath(registryName, result.webhook.name) };
});

export const deleteWebhook = toAction(webhooks.deleteWebhook, (result, registryName, webhookName): ActionResult =>
  webhooks.isNotFound(result) ? noSuchWebhook(registryName, webhookName) : { ok: true, href: webhooksPath(registryName) },
);

/** What Ping and Redeliver answer: the attempt's outcome, shown at once. */
export type PingResult =
  | { ok: true; eventId: string; httpStatus: string; isSuccess: boolean }
  | { ok: false; message: string };

export const pingWebhook = toAction(webhooks.pingWebhook, (result, registryName, webhookName): PingResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  if (result.kind === "rate-limited") return { ok: false, message: webhooks.rateLimitedMessage("Ping", result.retryInSeconds) };
  return { ok: true, eventId: result.eventId, httpStatus: result.httpStatus, isSuccess: result.isSuccess };
});

/** Send sample: answered as Ping is; a refusal says why in the blade's words. */
export const sendSampleEvent = toAction(webhooks.sendSampleEvent, (result, registryName, webhookName): PingResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  switch (result.kind) {
    case "invalid":
      return { ok: false, message: Object.values(result.fieldErrors)[0] ?? SAMPLE_ACTION_MESSAGE };
    case "not-subscribed":
      return { ok: false, message: webhooks.sampleActionNotSubscribedMessage(result.webhook, result.action) };
    case "rate-limited":
      return { ok: false, message: webhooks.sampleRateLimitedMessage(result.retryInSeconds) };
    case "sent":
      return { ok: true, eventId: result.eventId, httpStatus: result.httpStatus, isSuccess: result.isSuccess };
  }
});

export const redeliverEvent = toAction(webhooks.redeliverEvent, (result, registryName, webhookName, eventId): PingResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  switch (result.kind) {
    case "rate-limited":
      return { ok: false, message: webhooks.rateLimitedMessage("Redeliver", result.retryInSeconds) };
    case "event-missing":
      return { ok: false, message: webhooks.eventMissingMessage(String(eventId), result.webhook) };
    case "refused":
      return { ok: false, message: result.message };
    case "sent":
      return { ok: true, eventId: result.eventId, httpStatus: result.httpStatus, isSuccess: result.isSuccess };
  }
});

export type SecretResult = { ok: true; secret: string } | { ok: false; message: string };

/** Generates the first signing secret, or rotates it (the old one keeps signing for 24 hours). */
export const rotateSigningSecret = toAction(webhooks.rotateSigningSecret, (result, registryName, webhookName): SecretResult =>
  webhooks.isNotFound(result) ? noSuchWebhook(registryName, webhookName) : { ok: true, secret: result.secret },
);

export const revealSigningSecret = toAction(webhooks.revealSigningSecret, (result, registryName, webhookName): SecretResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  if (result.kind === "unsigned") return { ok: false, message: "This webhook has no signing secret yet." };
  return { ok: true, secret: result.secret };
});

export type CallbackConfig = { ok: true; serviceUri: string; customHeaders: string } | { ok: false; message: string };

/** The unmasked service URI and custom headers, on purpose (az acr webhook get-config). */
export const getCallbackConfig = toAction(webhooks.getCallbackConfig, (result, registryName, webhookName): CallbackConfig =>
  webhooks.isNotFound(result)
    ? noSuchWebhook(registryName, webhookName)
    : { ok: true, serviceUri: result.serviceUri, customHeaders: formatCustomHeaders(result.customHeaders) },
);
