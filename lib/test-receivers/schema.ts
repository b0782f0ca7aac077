import { z } from "zod";

// One schema for the Test receivers form and the operations behind it.

export const RECEIVER_MODES = ["ok", "error", "slow"] as const;
export type ReceiverMode = (typeof RECEIVER_MODES)[number];

export const RECEIVER_MODE_LABELS: Record<ReceiverMode, string> = {
  ok: "200 OK",
  error: "500 Internal Server Error",
  slow: "Slow (answers after the webhook timeout)",
};

export const receiverModeOf = (value: unknown): ReceiverMode => (RECEIVER_MODES.includes(value as ReceiverMode) ? (value as ReceiverMode) : "ok");

export const RECEIVER_NAME_MAX_LENGTH = 60;

export const testReceiverSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name for the receiver")
    .max(RECEIVER_NAME_MAX_LENGTH, `The name can be at most ${RECEIVER_NAME_MAX_LENGTH} characters`),
  mode: z.enum(RECEIVER_MODES, "Choose how the receiver answers"),
});

export type TestReceiverInput = z.infer<typeof testReceiverSchema>;

export const receiverModeSchema = testReceiverSchema.shape.mode;
