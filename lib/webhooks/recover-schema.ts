import { z } from "zod";

// "Redeliver failed events…": one schema for the dialog, the server action, the REST API's
// POST .../recover and its OpenAPI description. The CLI turns `--since 24h` into a time first.

/** RFC 3339 with a time zone (Z or ±hh:mm): a time without one would be read differently by each side. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

export const SINCE_FORMAT_MESSAGE = "since must be a date and time with its time zone, for example 2026-12-02T10:00:00Z.";
export const SINCE_FUTURE_MESSAGE = "since must not be in the future: nothing has failed after now.";

/** When a start time is in the future or unreadable, which words say so; null when it is fine. */
export const sinceProblem = (value: string, now = Date.now()): string | null => {
  if (!RFC3339.test(value.trim()) || Number.isNaN(Date.parse(value))) return SINCE_FORMAT_MESSAGE;
  return Date.parse(value) > now ? SINCE_FUTURE_MESSAGE : null;
};

export const recoverSchema = z.strictObject({
  since: z
    .string({ error: SINCE_FORMAT_MESSAGE })
    .superRefine((value, ctx) => {
      const problem = sinceProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .meta({ description: "Failed events recorded at or after this time (RFC 3339, with a time zone; not in the future) are sent again.", examples: ["2026-12-02T10:00:00Z"] }),
});

export type RecoverInput = z.output<typeof recoverSchema>;

/** The dialog's default start time: 24 hours ago. */
export const DEFAULT_RECOVER_WINDOW_MS = 24 * 3_600_000;
