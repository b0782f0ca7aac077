"use server";

import { headers } from "next/headers";
import { clientAddress } from "../http/client-address";
import { requireActionUser } from "../auth/guards";
import type { Role } from "../auth/roles";
import { formatCustomHeaders } from "./headers";
import * as operations from "./operations";
import { webhookPath, webhooksPath } from "./paths";
import { invalidFields } from "../forms/field-errors";
import type { ActionResult } from "./types";

// Server actions are public endpoints: each one checks the caller's role first (401/403),
// then hands the work to ./operations.ts (shared with the REST API), which re-validates the
// input with the same zod schema the form uses, looks every id up within its registry before
// writing, and records what it did in the audit log. These turn its results into the words
// and shapes the blade shows.

/** The signed-in caller (401/403 below `least`) and where the request came from. */
const contextFor = async (least: Role): Promise<operations.OperationContext> => {
  const user = await requireActionUser(least);
  return { actor: user, ipAddress: clientAddress(await headers()) };
};

const noSuchWebhook = (registry: string, webhook: string) => ({
  ok: false as const,
  message: operations.webhookMissingMessage(registry, webhook),
});

export async function createWebhook(registryName: string, values: unknown): Promise<ActionResult> {
  const context = await contextFor("contributor");
  const result = await operations.createWebhook(context, registryName, values);
  switch (result.kind) {
    case "registry-missing":
      return { ok: false, message: operations.registryMissingMessage(registryName) };
    case "invalid":
      return invalidFields(result.fieldErrors);
    case "name-taken":
      return invalidFields({ name: operations.nameTakenMessage(result.name, result.registry) });
    case "created":
      return { ok: true, href: webhookPath(result.registry, result.webhook.name) };
  }
}

export async function updateWebhook(
  registryName: string,
  webhookName: string,
  values: unknown,
): Promise<ActionResult> {
  const context = await contextFor("contributor");
  const result = await operations.updateWebhook(context, registryName, webhookName, values);
  switch (result.kind) {
    case "missing":
      return noSuchWebhook(registryName, webhookName);
    case "invalid":
      return invalidFields(result.fieldErrors);
    case "updated":
      return { ok: true, href: webhookPath(registryName, result.webhook.name) };
  }
}

export async function deleteWebhook(registryName: string, webhookName: string): Promise<ActionResult> {
  const context = await contextFor("contributor");
  const result = await operations.deleteWebhook(context, registryName, webhookName);
  if (result.kind === "missing") return noSuchWebhook(registryName, webhookName);
  return { ok: true, href: webhooksPath(registryName) };
}

/** What Ping and Redeliver answer: the attempt's outcome, shown at once. */
export type PingResult =
  | { ok: true; eventId: string; httpStatus: string; isSuccess: boolean }
  | { ok: false; message: string };

export async function pingWebhook(registryName: string, webhookName: string): Promise<PingResult> {
  const context = await contextFor("contributor");
  const result = await operations.pingWebhook(context, registryName, webhookName);
  switch (result.kind) {
    case "missing":
      return noSuchWebhook(registryName, webhookName);
    case "rate-limited":
      return { ok: false, message: operations.rateLimitedMessage("Ping", result.retryInSeconds) };
    case "sent":
      return { ok: true, eventId: result.eventId, httpStatus: result.httpStatus, isSuccess: result.isSuccess };
  }
}

export async function redeliverEvent(registryName: string, webhookName: string, eventId: string): Promise<PingResult> {
  const context = await contextFor("contributor");
  const result = await operations.redeliverEvent(context, registryName, webhookName, eventId);
  switch (result.kind) {
    case "missing":
      return noSuchWebhook(registryName, webhookName);
    case "rate-limited":
      return { ok: false, message: operations.rateLimitedMessage("Redeliver", result.retryInSeconds) };
    case "event-missing":
      return { ok: false, message: operations.eventMissingMessage(String(eventId), result.webhook) };
    case "refused":
      return { ok: false, message: result.message };
    case "sent":
      return { ok: true, eventId: result.eventId, httpStatus: result.httpStatus, isSuccess: result.isSuccess };
  }
}

export type SecretResult = { ok: true; secret: string } | { ok: false; message: string };

/** Generates the first signing secret, or rotates it (the old one keeps signing for 24 hours). */
export async function rotateSigningSecret(registryName: string, webhookName: string): Promise<SecretResult> {
  const context = await contextFor("contributor");
  const result = await operations.rotateSigningSecret(context, registryName, webhookName);
  if (result.kind === "missing") return noSuchWebhook(registryName, webhookName);
  return { ok: true, secret: result.secret };
}

export async function revealSigningSecret(registryName: string, webhookName: string): Promise<SecretResult> {
  const context = await contextFor("contributor");
  const result = await operations.revealSigningSecret(context, registryName, webhookName);
  if (result.kind === "missing") return noSuchWebhook(registryName, webhookName);
  if (result.kind === "unsigned") return { ok: false, message: "This webhook has no signing secret yet." };
  return { ok: true, secret: result.secret };
}

export type CallbackConfig = { ok: true; serviceUri: string; customHeaders: string } | { ok: false; message: string };

/** The unmasked service URI and custom headers, on purpose (az acr webhook get-config). */
export async function getCallbackConfig(registryName: string, webhookName: string): Promise<CallbackConfig> {
  const context = await contextFor("contributor");
  const result = await operations.getCallbackConfig(context, registryName, webhookName);
  if (result.kind === "missing") return noSuchWebhook(registryName, webhookName);
  return { ok: true, serviceUri: result.serviceUri, customHeaders: formatCustomHeaders(result.customHeaders) };
}
