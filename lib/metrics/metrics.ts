import "server-only";
import type { Settlement } from "../db/delivery-store-types";
import type { RecordedTally } from "./recorded-tally";
import { createMetrics, type AttemptOutcome, type IngestCounts, type Metrics, type Trigger } from "./create-metrics";
import { databaseSources } from "./database-sources";

// The server process's metrics, for GET /api/metrics (lib/api/metrics-route.ts). Next.js
// bundles instrumentation (where the delivery loop records attempts) and each route
// separately, so the one registry lives on globalThis, as the Prisma client does.

const globalForMetrics = globalThis as unknown as { registryWebhooksMetrics?: Metrics };

export const processMetrics = (): Metrics => (globalForMetrics.registryWebhooksMetrics ??= createMetrics(databaseSources, { withProcessMetrics: true }));

const outcomeOf = (state: Settlement["state"]): AttemptOutcome => (state === "pending" ? "retrying" : state);

/** A delivery loop recorded these attempts (and new states), and disabled these webhooks as failing. */
export const countRecorded = ({ attempts, disabled }: RecordedTally) => {
  const metrics = processMetrics();
  for (const [webhookId, state, durationMs] of attempts) metrics.countAttempt(webhookId, "queue", outcomeOf(state), durationMs);
  for (const { registry, webhook } of disabled) metrics.countAutoDisable(registry, webhook);
};

/** Ping or Redeliver recorded its attempt. */
export const countSentNow = (webhookId: string, trigger: Exclude<Trigger, "queue">, isDelivered: boolean, durationMs: number) =>
  processMetrics().countAttempt(webhookId, trigger, isDelivered ? "delivered" : "failed", durationMs);

/** A registry's notification envelope was stored (or found already stored). */
export const countIngest = (registry: string, counts: IngestCounts) => processMetrics().countIngest(registry, counts);
