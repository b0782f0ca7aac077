import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { QueueDepth } from "../db/delivery-store-types";

// One process's metrics (lib/metrics/metrics.ts keeps the server's on globalThis). Counters
// and the histogram count what this process did; Prometheus tells instances apart by the
// `instance` label of the scrape target. Gauges read from the shared database at scrape time
// carry source="database": every instance reports the same value, so dashboards take max(),
// never sum(), of them across instances (README, "Metrics").

/** What started an attempt: the delivery loop (ingest, retries), Ping, Redeliver, Send sample. */
export type Trigger = "queue" | "ping" | "redeliver" | "sample";
/** The delivery's state once the attempt was recorded, in the blade's words. */
export type AttemptOutcome = "delivered" | "retrying" | "failed";
export type WebhookName = { registry: string; webhook: string };
export type IngestCounts = { accepted: number; duplicates: number; ignored: number };

/** What the metrics read from the database at scrape time (lib/metrics/database-sources.ts). */
export type MetricsSources = {
  /** Names of the webhooks with these ids that still exist. */
  webhookNames(ids: string[]): Promise<Map<string, WebhookName>>;
  /** Which of these (registry, webhook) names still exist, as keys of nameKey. */
  existingWebhooks(names: WebhookName[]): Promise<Set<string>>;
  queueDepth(now: number): Promise<QueueDepth>;
};

const PREFIX = "registry_webhooks_";
/** Attempt durations (seconds): fast receivers to WEBHOOK_TIMEOUT_MS's maximum of 120 s. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export const nameKey = ({ registry, webhook }: WebhookName) => `${registry}/${webhook}`;

export const createMetrics = (sources: MetricsSources, { withProcessMetrics = false } = {}) => {
  const registry = new Registry();
  const registers = [registry];
  if (withProcessMetrics) collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const attempts = new Counter({
    name: `${PREFIX}delivery_attempts_total`,
    help: "Delivery attempts this process recorded, by webhook, what started them and the delivery's state afterwards (retrying: a retry is scheduled).",
    labelNames: ["registry", "webhook", "trigger", "outcome"] as const,
    registers,
  });
  const attemptDuration = new Histogram({
    name: `${PREFIX}delivery_attempt_duration_seconds`,
    help: "Time from sending a delivery's request to the end of its response (or its failure), for attempts this process recorded.",
    // No labels: the attempts counter has the breakdown, and a per-webhook histogram would cost
    // 15 series a webhook.
    buckets: DURATION_BUCKETS,
    registers,
  });
  const ingestEvents = new Counter({
    name: `${PREFIX}ingest_events_total`,
    help: "Registry notification events this process received, by registry and result (accepted: stored with its deliveries; duplicate: seen before; ignored: not an ACR event or invalid).",
    labelNames: ["registry", "result"] as const,
    registers,
  });
  const autoDisables = new Counter({
    name: `${PREFIX}auto_disables_total`,
    help: "Webhooks this process disabled automatically after repeated failures.",
    labelNames: ["registry", "webhook"] as const,
    registers,
  });
  const queueDepth = new Gauge({
    name: `${PREFIX}queue_depth`,
    help: "Pending deliveries in the shared database: pending (due now: waiting to be sent or in flight) and retrying (waiting for a retry's time). Same on every instance: use max(), not sum().",
    labelNames: ["state", "source"] as const,
    registers,
  });
  const oldestDueAge = new Gauge({
    name: `${PREFIX}queue_oldest_due_age_seconds`,
    help: "How long the oldest due pending delivery in the shared database has been due (0 when none is). Same on every instance: use max(), not sum().",
    labelNames: ["source"] as const,
    registers,
  });

  // Attempts are counted by webhook id (all the recording paths know), and named at scrape
  // time: a webhook deleted on any instance is gone from the database, so its series leave
  // every instance's output at its next scrape.
  const attemptTallies = new Map<string, Map<string, number>>();
  const knownNames = new Map<string, WebhookName>();
  const autoDisableTallies = new Map<string, { name: WebhookName; count: number }>();
  const failing = new Set<string>();

  /** Logs a failing database read once per outage, not once per scrape. */
  const warnOnce = (what: string, error: unknown) => {
    if (!failing.has(what)) console.warn(`[metrics] ${what}: ${(error as Error).message}`);
    failing.add(what);
  };

  const nameAttempts = async () => {
    const ids = [...attemptTallies.keys()];
    if (ids.length === 0) return;
    try {
      const found = await sources.webhookNames(ids);
      failing.delete("cannot name webhooks");
      for (const id of ids) {
        const name = found.get(id);
        if (name) knownNames.set(id, name);
        else {
          attemptTallies.delete(id);
          knownNames.delete(id);
        }
      }
    } catch (error) {
      // Keep the names known so far; a webhook first seen during the outage shows up later.
      warnOnce("cannot name webhooks", error);
    }
  };

  const pruneAutoDisables = async () => {
    if (autoDisableTallies.size === 0) return;
    try {
      const existing = await sources.existingWebhooks([...autoDisableTallies.values()].map(({ name }) => name));
      failing.delete("cannot check auto-disabled webhooks");
      for (const key of autoDisableTallies.keys()) if (!existing.has(key)) autoDisableTallies.delete(key);
    } catch (error) {
      warnOnce("cannot check auto-disabled webhooks", error);
    }
  };

  const readQueue = async () => {
    queueDepth.reset();
    oldestDueAge.reset();
    try {
      const now = Date.now();
      const depth = await sources.queueDepth(now);
      failing.delete("cannot read the queue");
      queueDepth.set({ state: "pending", source: "database" }, depth.due);
      queueDepth.set({ state: "retrying", source: "database" }, depth.waitingForRetry);
      oldestDueAge.set({ source: "database" }, depth.oldestDueAt === null ? 0 : Math.max(0, now - depth.oldestDueAt) / 1000);
    } catch (error) {
      // No sample rather than a wrong one: the dashboard shows a gap.
      warnOnce("cannot read the queue", error);
    }
  };

  return {
    contentType: registry.contentType,

    /** One recorded attempt (durationMs null: recorded without sending, e.g. the webhook was disabled meanwhile). */
    countAttempt: (webhookId: string, trigger: Trigger, outcome: AttemptOutcome, durationMs: number | null) => {
      const tally = attemptTallies.get(webhookId) ?? new Map<string, number>();
      const key = `${trigger} ${outcome}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      attemptTallies.set(webhookId, tally);
      if (durationMs !== null) attemptDuration.observe(durationMs / 1000);
    },

    countIngest: (registryName: string, { accepted, duplicates, ignored }: IngestCounts) => {
      // Every result, even at 0, so a registry's series exist from its first notification.
      ingestEvents.inc({ registry: registryName, result: "accepted" }, accepted);
      ingestEvents.inc({ registry: registryName, result: "duplicate" }, duplicates);
      ingestEvents.inc({ registry: registryName, result: "ignored" }, ignored);
    },

    countAutoDisable: (registryName: string, webhookName: string) => {
      const name = { registry: registryName, webhook: webhookName };
      const tally = autoDisableTallies.get(nameKey(name)) ?? { name, count: 0 };
      tally.count += 1;
      autoDisableTallies.set(nameKey(name), tally);
    },

    /** The text format, with names and database gauges read now. */
    render: async () => {
      await Promise.all([nameAttempts(), pruneAutoDisables(), readQueue()]);
      attempts.reset();
      for (const [id, tally] of attemptTallies) {
        const name = knownNames.get(id);
        if (!name) continue;
        for (const [key, count] of tally) {
          const [trigger, outcome] = key.split(" ");
          attempts.inc({ ...name, trigger, outcome }, count);
        }
      }
      autoDisables.reset();
      for (const { name, count } of autoDisableTallies.values()) autoDisables.inc(name, count);
      return registry.metrics();
    },
  };
};

export type Metrics = ReturnType<typeof createMetrics>;
