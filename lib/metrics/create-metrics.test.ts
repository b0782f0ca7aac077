import { afterEach, describe, expect, it, vi } from "vitest";
import { histogramCountOf, parseMetrics, samplesOf, valueOf } from "../../e2e/support/prometheus-text";
import { createMetrics, nameKey, type MetricsSources, type WebhookName } from "./create-metrics";

// One process's metrics with the database replaced by maps: the counters by outcome, the
// histogram's buckets, the database gauges' labels, and what a deleted webhook leaves behind.
// (lib/metrics/metrics.suite.ts runs them against real databases and the real recording paths.)

const fakeSources = (webhooks: Record<string, WebhookName>, depth = { due: 0, waitingForRetry: 0, oldestDueAt: null as number | null }) => {
  const state = { webhooks: { ...webhooks }, depth, isDown: false };
  const sources: MetricsSources = {
    webhookNames: async (ids) => {
      if (state.isDown) throw new Error("database unreachable");
      return new Map(ids.flatMap((id) => (state.webhooks[id] ? [[id, state.webhooks[id]] as const] : [])));
    },
    existingWebhooks: async (names) => {
      if (state.isDown) throw new Error("database unreachable");
      const existing = new Set(Object.values(state.webhooks).map(nameKey));
      return new Set(names.map(nameKey).filter((key) => existing.has(key)));
    },
    queueDepth: async () => {
      if (state.isDown) throw new Error("database unreachable");
      return state.depth;
    },
  };
  return { state, sources };
};

const ALPHA = { registry: "reg", webhook: "alpha" };
const BETA = { registry: "reg", webhook: "beta" };
const ATTEMPTS = "registry_webhooks_delivery_attempts_total";
const DURATION = "registry_webhooks_delivery_attempt_duration_seconds";

describe("a process's metrics", () => {
  afterEach(() => vi.restoreAllMocks());

  it("counts attempts by webhook, trigger and outcome, named at scrape time", async () => {
    const { sources } = fakeSources({ a1: ALPHA, b1: BETA });
    const metrics = createMetrics(sources);
    metrics.countAttempt("a1", "queue", "delivered", 12);
    metrics.countAttempt("a1", "queue", "delivered", 30);
    metrics.countAttempt("a1", "queue", "retrying", 5);
    metrics.countAttempt("b1", "queue", "failed", null);
    metrics.countAttempt("b1", "ping", "delivered", 3);

    const parsed = parseMetrics(await metrics.render());
    expect(parsed.families.get(ATTEMPTS)?.type).toBe("COUNTER");
    expect(valueOf(parsed, ATTEMPTS, { ...ALPHA, trigger: "queue", outcome: "delivered" })).toBe(2);
    expect(valueOf(parsed, ATTEMPTS, { ...ALPHA, trigger: "queue", outcome: "retrying" })).toBe(1);
    expect(valueOf(parsed, ATTEMPTS, { ...BETA, trigger: "queue", outcome: "failed" })).toBe(1);
    expect(valueOf(parsed, ATTEMPTS, { ...BETA, trigger: "ping", outcome: "delivered" })).toBe(1);
    expect(samplesOf(parsed, ATTEMPTS)).toHaveLength(4);
    // Counting again after a scrape goes on from where it was.
    metrics.countAttempt("a1", "queue", "delivered", 1);
    expect(valueOf(parseMetrics(await metrics.render()), ATTEMPTS, { ...ALPHA, outcome: "delivered" })).toBe(3);
  });

  it("puts each attempt's duration in the buckets of its seconds; one recorded without sending has none", async () => {
    const metrics = createMetrics(fakeSources({ a1: ALPHA }).sources);
    for (const durationMs of [4, 40, 40, 700, 2000, 150_000]) metrics.countAttempt("a1", "queue", "delivered", durationMs);
    metrics.countAttempt("a1", "queue", "failed", null);

    const parsed = parseMetrics(await metrics.render());
    expect(parsed.families.get(DURATION)?.type).toBe("HISTOGRAM");
    const [histogram] = samplesOf(parsed, DURATION);
    expect(histogram.buckets).toMatchObject({
      "0.005": "1",
      "0.025": "1",
      "0.05": "3",
      "0.5": "3",
      "1": "4",
      "2.5": "5",
      "120": "5",
      "+Inf": "6",
    });
    expect(Number(histogram.count)).toBe(6);
    expect(Number(histogram.sum)).toBeCloseTo(152.784, 6);
    expect(histogramCountOf(parsed, DURATION)).toBe(6);
    expect(valueOf(parsed, ATTEMPTS, { outcome: "failed" })).toBe(1);
  });

  it("counts ingest events by registry and result", async () => {
    const metrics = createMetrics(fakeSources({}).sources);
    metrics.countIngest("reg", { accepted: 3, duplicates: 1, ignored: 2 });
    metrics.countIngest("reg", { accepted: 1, duplicates: 0, ignored: 0 });
    metrics.countIngest("other", { accepted: 0, duplicates: 5, ignored: 0 });
    const parsed = parseMetrics(await metrics.render());
    const name = "registry_webhooks_ingest_events_total";
    expect(valueOf(parsed, name, { registry: "reg", result: "accepted" })).toBe(4);
    expect(valueOf(parsed, name, { registry: "reg", result: "duplicate" })).toBe(1);
    expect(valueOf(parsed, name, { registry: "reg", result: "ignored" })).toBe(2);
    expect(valueOf(parsed, name, { registry: "other", result: "duplicate" })).toBe(5);
    expect(samplesOf(parsed, name, { registry: "other", result: "accepted" })).toEqual([expect.objectContaining({ value: "0" })]);
  });

  it("counts auto-disables by webhook as registry_webhooks_auto_disables_total", async () => {
    const metrics = createMetrics(fakeSources({ a1: ALPHA, b1: BETA }).sources);
    metrics.countAutoDisable("reg", "alpha");
    metrics.countAutoDisable("reg", "alpha");
    metrics.countAutoDisable("reg", "beta");
    const parsed = parseMetrics(await metrics.render());
    expect(parsed.families.get("registry_webhooks_auto_disables_total")?.type).toBe("COUNTER");
    expect(valueOf(parsed, "registry_webhooks_auto_disables_total", ALPHA)).toBe(2);
    expect(valueOf(parsed, "registry_webhooks_auto_disables_total", BETA)).toBe(1);
  });

  it("reports the queue from the database as gauges labelled source=\"database\"", async () => {
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now);
    const metrics = createMetrics(fakeSources({}, { due: 7, waitingForRetry: 3, oldestDueAt: now - 90_000 }).sources);
    const parsed = parseMetrics(await metrics.render());
    expect(parsed.families.get("registry_webhooks_queue_depth")?.type).toBe("GAUGE");
    expect(samplesOf(parsed, "registry_webhooks_queue_depth").map(({ labels, value }) => [labels, value])).toEqual([
      [{ state: "pending", source: "database" }, "7"],
      [{ state: "retrying", source: "database" }, "3"],
    ]);
    expect(samplesOf(parsed, "registry_webhooks_queue_oldest_due_age_seconds")).toEqual([{ labels: { source: "database" }, value: "90" }]);
  });

  it("reports an age of 0 when nothing is due", async () => {
    const metrics = createMetrics(fakeSources({}).sources);
    expect(valueOf(parseMetrics(await metrics.render()), "registry_webhooks_queue_oldest_due_age_seconds", { source: "database" })).toBe(0);
  });

  it("drops a deleted webhook's series at the next scrape, attempts and auto-disables alike", async () => {
    const { state, sources } = fakeSources({ a1: ALPHA, b1: BETA });
    const metrics = createMetrics(sources);
    metrics.countAttempt("a1", "queue", "delivered", 1);
    metrics.countAttempt("b1", "queue", "delivered", 1);
    metrics.countAutoDisable("reg", "alpha");
    expect(samplesOf(parseMetrics(await metrics.render()), ATTEMPTS)).toHaveLength(2);

    delete state.webhooks.a1;
    const parsed = parseMetrics(await metrics.render());
    expect(samplesOf(parsed, ATTEMPTS).map((sample) => sample.labels?.webhook)).toEqual(["beta"]);
    expect(samplesOf(parsed, "registry_webhooks_auto_disables_total")).toEqual([]);
  });

  it("keeps counting and naming what it knew while the database is away, without queue gauges", async () => {
    const { state, sources } = fakeSources({ a1: ALPHA, b1: BETA }, { due: 1, waitingForRetry: 0, oldestDueAt: null });
    const metrics = createMetrics(sources);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    metrics.countAttempt("a1", "queue", "delivered", 1);
    await metrics.render();

    state.isDown = true;
    metrics.countAttempt("a1", "queue", "delivered", 1);
    metrics.countAttempt("b1", "queue", "delivered", 1);
    const during = parseMetrics(await metrics.render());
    expect(valueOf(during, ATTEMPTS, ALPHA)).toBe(2);
    // Not named yet: it waits in its tally rather than showing under a wrong name.
    expect(samplesOf(during, ATTEMPTS, BETA)).toEqual([]);
    expect(samplesOf(during, "registry_webhooks_queue_depth")).toEqual([]);
    await metrics.render();
    // Once for each read that failed (names, queue), not once per scrape.
    expect(warn).toHaveBeenCalledTimes(2);

    state.isDown = false;
    const after = parseMetrics(await metrics.render());
    expect(valueOf(after, ATTEMPTS, BETA)).toBe(1);
    expect(valueOf(after, "registry_webhooks_queue_depth", { state: "pending" })).toBe(1);
  });

  it("adds the process's own metrics (CPU, memory, event loop) when asked", async () => {
    const parsed = parseMetrics(await createMetrics(fakeSources({}).sources, { withProcessMetrics: true }).render());
    expect(parsed.families.has("registry_webhooks_process_cpu_seconds_total")).toBe(true);
    expect(parsed.families.has("registry_webhooks_nodejs_eventloop_lag_seconds")).toBe(true);
  });
});
