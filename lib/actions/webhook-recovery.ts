"use server";

import * as recovery from "../operations/webhook-recovery";
import * as webhooks from "../operations/webhooks";
import { toAction } from "./to-action";

// The blade's server actions for Enable and "Redeliver failed events…", adapters of
// lib/operations/webhook-recovery.ts: they only turn its results into the words the blade shows.

export type RecoveryResult = { ok: true; count: number } | { ok: false; message: string };

const noSuchWebhook = (registry: string, webhook: string): RecoveryResult => ({
  ok: false,
  message: webhooks.webhookMissingMessage(registry, webhook),
});

/** The first problem with the start time, in the schema's own words. */
const invalid = (fieldErrors: Record<string, string>): RecoveryResult => ({
  ok: false,
  message: Object.values(fieldErrors)[0] ?? "The start time is not valid.",
});

export const enableWebhook = toAction(recovery.enableWebhook, (result, registryName, webhookName): RecoveryResult =>
  webhooks.isNotFound(result) ? noSuchWebhook(registryName, webhookName) : { ok: true, count: 0 },
);

export const countRecoverableEvents = toAction(recovery.countRecoverableEvents, (result, registryName, webhookName): RecoveryResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  if (result.kind === "invalid") return invalid(result.fieldErrors);
  return { ok: true, count: result.count };
});

export const recoverWebhook = toAction(recovery.recoverWebhook, (result, registryName, webhookName): RecoveryResult => {
  if (webhooks.isNotFound(result)) return noSuchWebhook(registryName, webhookName);
  switch (result.kind) {
    case "invalid":
      return invalid(result.fieldErrors);
    case "disabled":
      return { ok: false, message: recovery.recoverDisabledMessage(String(webhookName)) };
    case "queued":
      return { ok: true, count: result.count };
  }
});
