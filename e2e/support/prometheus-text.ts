import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from "parse-prometheus-text-format";

// Reading GET /api/metrics as Prometheus would: parsed by a Prometheus text-format parser (it
// throws on a malformed line), then looked up by metric name and labels.

export type ParsedMetrics = { families: Map<string, PrometheusFamily> };

export const parseMetrics = (text: string): ParsedMetrics => ({
  families: new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family])),
});

const matches = (sample: PrometheusSample, labels: Record<string, string>) =>
  Object.entries(labels).every(([name, value]) => sample.labels?.[name] === value);

/** The samples of `name` whose labels include `labels`. */
export const samplesOf = (metrics: ParsedMetrics, name: string, labels: Record<string, string> = {}) =>
  (metrics.families.get(name)?.metrics ?? []).filter((sample) => matches(sample, labels));

/** The sum of the values of `name`'s samples with those labels (0 when there is none yet). */
export const valueOf = (metrics: ParsedMetrics, name: string, labels: Record<string, string> = {}) =>
  samplesOf(metrics, name, labels).reduce((sum, sample) => sum + Number(sample.value), 0);

/** A histogram's observations (this parser folds a labelled histogram's series into one: ours has no labels). */
export const histogramCountOf = (metrics: ParsedMetrics, name: string, labels: Record<string, string> = {}) =>
  samplesOf(metrics, name, labels).reduce((sum, sample) => sum + Number(sample.count), 0);
