import "server-only";
import { db } from "../db";
import { countRecoverable, requeueFailedSince } from "../delivery/recover";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { statusChangeColumns, statusOf } from "../webhooks/mapping";
import { recoverSchema } from "../webhooks/recover-schema";
import { defineOperation, type Caller } from "./operation";
import { audit, findStored, revalidateWebhooks } from "./webhooks";

// Coming back from failures (README, "Auto-disable and recovery"): Enable a webhook the system
// disabled as failing (or any disabled one), and send again the events that failed during an
// outage. The blade's server actions, the REST API and the CLI call these.

type NotFound = { kind: "registry-missing" } | { kind: "missing" };
type Invalid = { kind: "invalid"; fieldErrors: FieldErrors };
type Disabled = { kind: "disabled" };

export const recoverDisabledMessage = (webhook: string) =>
  `Webhook "${webhook}" is disabled: a disabled webhook gets no events, so its failed events would fail again unsent. Enable it first.`;

/** Turns the webhook on: the reason goes and the failure count starts again. */
export const enableWebhook = defineOperation(
  "webhooks.enable",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string): Promise<NotFound | { kind: "enabled"; wasDisabled: boolean }> => {
    const found = await findStored(registryName, webhookName);
    if (found.kind !== "found") return found;
    const { registry, webhook } = found;
    const wasDisabled = statusOf(webhook.status) === "disabled";
    if (wasDisabled) {
      await db.webhook.update({ where: { id: webhook.id }, data: statusChangeColumns("enabled", webhook.status) });
      await audit(caller, "webhook.enable", `${registry}/${webhook.name}`, webhook.disabledReason === "failing" ? "Was disabled as failing" : "");
      revalidateWebhooks(registry);
    }
    return { kind: "enabled", wasDisabled };
  },
);

/** Parses { since } with the dialog's schema; the webhook must exist (and, to send, be enabled). */
const prepare = async (registryName: string, webhookName: string, input: unknown) => {
  const found = await findStored(registryName, webhookName);
  if (found.kind !== "found") return found;
  const parsed = recoverSchema.safeParse(input);
  if (!parsed.success) return { kind: "invalid" as const, fieldErrors: fieldErrorsOf(parsed.error) };
  return { ...found, since: new Date(parsed.data.since) };
};

/** How many failed events a recovery from `since` would send (the dialog's count). */
export const countRecoverableEvents = defineOperation(
  "webhooks.count-recoverable",
  "reader",
  async (_caller: Caller, registryName: string, webhookName: string, input: unknown): Promise<NotFound | Invalid | { kind: "count"; count: number }> => {
    const prepared = await prepare(registryName, webhookName, input);
    if (prepared.kind !== "found") return prepared;
    return { kind: "count", count: await countRecoverable(prepared.webhook, prepared.since) };
  },
);

/** Queues a new attempt of every failed event since `since`, sent by the worker at the queue's pace; audited with the count. */
export const recoverWebhook = defineOperation(
  "webhooks.recover",
  "contributor",
  async (caller: Caller, registryName: string, webhookName: string, input: unknown): Promise<NotFound | Invalid | Disabled | { kind: "queued"; count: number; since: string }> => {
    const prepared = await prepare(registryName, webhookName, input);
    if (prepared.kind !== "found") return prepared;
    const { registry, webhook, since } = prepared;
    if (statusOf(webhook.status) === "disabled") return { kind: "disabled" };
    const count = await requeueFailedSince(webhook, since);
    await audit(caller, "webhook.recover", `${registry}/${webhook.name}`, `${count} failed events since ${since.toISOString()} queued again`);
    return { kind: "queued", count, since: since.toISOString() };
  },
);
