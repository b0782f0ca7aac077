import type { AutoDisabled, Settlement } from "../db/delivery-store-types";

// What a delivery loop tells the metrics about a batch it recorded. A delivery thread has no
// metrics registry of its own (GET /api/metrics is served by the main thread), so it posts
// this small summary instead of the batch (lib/delivery/delivery-threads.ts); the main thread counts it (./metrics.ts).

/** One recorded attempt: its webhook, the delivery's new state, and how long it took (null: not sent). */
export type TalliedAttempt = [webhookId: string, state: Settlement["state"], durationMs: number | null];

export type RecordedTally = { attempts: TalliedAttempt[]; disabled: AutoDisabled[] };

export const tallyOf = (batch: readonly Settlement[], disabled: AutoDisabled[]): RecordedTally => ({
  attempts: batch.map(({ claimed, attempt, state }) => [claimed.webhookId, state, attempt?.durationMs ?? null]),
  disabled,
});
