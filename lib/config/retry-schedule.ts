// The grammar of WEBHOOK_RETRY_SCHEDULE (read by lib/env.ts, applied by lib/delivery/retry-policy.ts).

export const DEFAULT_RETRY_SCHEDULE = "10s,1m,10m,1h,4h";
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "10s,1m,10m" → [10000, 60000, 600000]; "" → [] (no retries, as in ACR). Throws on bad input. */
export const parseRetrySchedule = (text: string): number[] => {
  if (text.trim() === "") return [];
  return text.split(",").map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!match) throw new Error(`"${part.trim()}" is not a delay like 10s, 5m or 2h`);
    return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  });
};
