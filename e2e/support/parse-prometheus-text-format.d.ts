// The package ships JavaScript only; this is the shape its README documents (prom2json's).
declare module "parse-prometheus-text-format" {
  export type PrometheusSample = {
    labels?: Record<string, string>;
    value?: string;
    /** Histograms: cumulative counts by upper bound ("0.1", "+Inf"). */
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  };
  export type PrometheusFamily = { name: string; help: string; type: string; metrics: PrometheusSample[] };
  const parsePrometheusTextFormat: (text: string) => PrometheusFamily[];
  export default parsePrometheusTextFormat;
}
