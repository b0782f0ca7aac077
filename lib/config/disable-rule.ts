// The grammar of WEBHOOK_DISABLE_AFTER (read by lib/env.ts, applied where the worker records
// outcomes: lib/db/*/delivery-store.ts): "<failed deliveries>,<time since the last success>".

export const DEFAULT_DISABLE_AFTER = "40,24h";
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A webhook is disabled by the system once `failures` deliveries in a row have failed (each
 * with its retries exhausted) and at least `windowMs` have passed since its last delivered
 * event (or since it was created, if none ever was). Both must hold.
 */
export type DisableRule = { failures: number; windowMs: number };

/** "40,24h" → { failures: 40, windowMs: 86400000 }; "off" → null (never disabled). Throws on bad input. */
export const parseDisableRule = (text: string): DisableRule | null => {
  if (text.trim().toLowerCase() === "off") return null;
  const match = /^\s*(\d+)\s*,\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!match) {
    throw new Error(`"${text}" is not a rule like 40,24h (failed deliveries in a row, then the time since the last success: ms, s, m, h or d), or off`);
  }
  const failures = Number(match[1]);
  if (failures < 1 || failures > 1_000_000) throw new Error(`"${text}": the number of failed deliveries must be from 1 to 1000000`);
  return { failures, windowMs: Math.round(Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS]) };
};
