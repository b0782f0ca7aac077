// Turns the receiver's raw records of one run into throughput and latency figures.

/** The value below which `share` of the sorted samples lie (nearest rank). */
const percentile = (sorted, share) => {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank];
};

/** p50, p99 and max of a list of milliseconds. */
export const summarise = (latencies) => {
  // A typed array sorts numerically; a plain array would sort as strings.
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN };
};

/**
 * Only the first arrival of each payload id counts (the rest are duplicates); `sentAtOf(i)`
 * gives the send time of record i's request, which starts its latency clock; `splitAt` counts
 * the arrivals up to that moment. Throughput is measured from `t0`, the run's first send.
 */
export const arrivalStats = (records, { t0, sentAtOf, splitAt = -Infinity }) => {
  const seen = new Set();
  const latencies = [];
  let duplicates = 0;
  let first = Infinity;
  let last = t0;
  let beforeSplit = 0;
  for (let i = 0; i < records.arrivals.length; i += 1) {
    if (seen.has(records.payloadIds[i])) {
      duplicates += 1;
      continue;
    }
    seen.add(records.payloadIds[i]);
    const sentAt = sentAtOf(i);
    if (sentAt === undefined) continue; // not one of ours (cannot happen on a fresh database)
    const arrival = records.arrivals[i];
    latencies.push(arrival - sentAt);
    first = Math.min(first, arrival);
    last = Math.max(last, arrival);
    if (arrival <= splitAt) beforeSplit += 1;
  }
  const count = latencies.length;
  const elapsedMs = last - t0;
  return { count, duplicates, first, last, beforeSplit, elapsedMs, perS: count > 0 ? count / (elapsedMs / 1000) : 0, latency: summarise(latencies) };
};
