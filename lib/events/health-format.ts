import type { AttemptOutcomeText, WebhookHealthSummary } from "./health-types";

// How the health numbers read, the same in the list, the chart's table and the tests.

/** "Success (24 h)": delivered attempts over all attempts, "66.7%", "100%"; "—" when there were none. */
export const formatSuccessRate = ({ attempts, delivered }: Pick<WebhookHealthSummary, "attempts" | "delivered">) =>
  attempts === 0 ? "—" : `${Math.round((delivered / attempts) * 1000) / 10}%`;

export const OUTCOME_LABELS: Record<AttemptOutcomeText, string> = {
  delivered: "Delivered",
  retried: "Failed, retrying",
  failed: "Failed",
};

/** A response time in ms, "—" for an hour without responses. */
export const formatMs = (ms: number | null) => (ms === null ? "—" : `${ms} ms`);
