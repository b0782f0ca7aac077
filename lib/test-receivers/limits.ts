// How much a test receiver may hold and take. Nothing it records grows without bound: a
// receiver keeps its latest KEPT_REQUESTS, lives RECEIVER_LIFETIME_MS, and the portal holds at
// most MAX_RECEIVERS live ones.

export const KEPT_REQUESTS = 100;
export const RECEIVER_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_RECEIVERS = 50;

/** Bodies are read (and kept) up to this size; the rest is never read and the request is flagged truncated. */
export const MAX_RECEIVED_BODY_BYTES = 64 * 1024;

/** Per receiver, in the portal's database rate limiter (every instance counts the same requests). */
export const RECEIVER_RATE_LIMIT = { name: "test-receiver", limit: 60, windowMs: 60_000 };

/** Expired receivers deleted per batch: each takes its (at most 100) requests with it. */
export const PRUNE_BATCH = 5;

/** A slow receiver answers this long after the webhook timeout, so the portal has given up first. */
const SLOW_MARGIN_MS = 2000;
/** ...and never holds a connection longer than this (WEBHOOK_TIMEOUT_MS is at most 120 s). */
const SLOW_CAP_MS = 125_000;

export const slowAnswerDelayMs = (webhookTimeoutMs: number) => Math.min(webhookTimeoutMs + SLOW_MARGIN_MS, SLOW_CAP_MS);
