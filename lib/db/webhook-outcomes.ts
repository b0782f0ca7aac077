import type { Settlement } from "./delivery-store-types";

// What one recorded batch tells about each of its webhooks' health, for WEBHOOK_DISABLE_AFTER
// (lib/config/disable-rule.ts). Both dialects' settle() apply it in the transaction that
// records the batch, as one UPDATE per webhook, so the counter on the Webhook row is right
// however many workers and instances record at once.

/** A webhook's outcomes within one batch, in the order its deliveries finished. */
export type WebhookOutcome = {
  webhookId: string;
  /** A delivery of it was delivered: the counter starts again from the failures after it. */
  hadSuccess: boolean;
  /** Deliveries that failed for good (retries exhausted) after its last success in the batch. */
  failures: number;
  /** The status column of the last of those. */
  lastError: string;
};

/**
 * Only finished deliveries count: a retry still pending is not a failure yet, and one ended
 * without an attempt (the webhook disabled meanwhile, secrets unreadable) says nothing about
 * the receiver.
 */
export const webhookOutcomes = (settled: readonly Settlement[]): WebhookOutcome[] => {
  const byWebhook = new Map<string, WebhookOutcome>();
  for (const { claimed, attempt, state, lastStatus } of settled) {
    const isFailure = state === "failed" && attempt !== null;
    if (state !== "delivered" && !isFailure) continue;
    const outcome = byWebhook.get(claimed.webhookId) ?? { webhookId: claimed.webhookId, hadSuccess: false, failures: 0, lastError: "" };
    byWebhook.set(claimed.webhookId, outcome);
    if (isFailure) {
      outcome.failures += 1;
      outcome.lastError = lastStatus;
    } else {
      outcome.hadSuccess = true;
      outcome.failures = 0;
    }
  }
  // By id, so that two transactions lock Webhook rows in the same order (no deadlock).
  return [...byWebhook.values()].sort((a, b) => (a.webhookId < b.webhookId ? -1 : a.webhookId > b.webhookId ? 1 : 0));
};

/** A success-only batch rewrites lastSuccessAt at most this often (the rule counts in hours). */
export const SUCCESS_REFRESH_MS = 60_000;

/** The audit entry the system writes when it disables a webhook. */
export const AUTO_DISABLE_ACTION = "webhook.auto-disable";
export const SYSTEM_ACTOR = "system";
export const autoDisableDetail = (failures: number, lastError: string) =>
  `Disabled after ${failures} failed deliveries in a row; last error: ${lastError || "unknown"}`;
