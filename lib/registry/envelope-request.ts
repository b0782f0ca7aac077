import { isDatabaseUnavailable } from "../db-errors";
import { deliveryStore } from "../db/delivery-store";
import { bearerToken } from "../http/bearer-token";
import { tokenMatches } from "../security/token-hash";
import { ENVELOPE_MEDIA_TYPES, MAX_ENVELOPE_BYTES } from "./distribution";
import type { EnvelopeOutcome, IngestSummary, IngestTarget } from "./ingest";

// What Distribution's notification endpoint answers, in one place for its two doors: the
// Next.js route (lib/api/notifications-route.ts: `next dev`, tests, or while the ingest thread
// restarts) and the portal's listener on the ingest thread (lib/registry/notifications-listener.ts),
// which takes envelopes before they reach the main thread. The checks run in this order, and
// every refusal stores nothing: unknown registry 404, token 401, media type 415, size 413, not an
// envelope 400; the database out of reach 503 (nothing acknowledged, the registry sends again).

/** The parts of a notification request the checks read; the body only once the rest passed. */
export type EnvelopeRequest = {
  /** The registry's name from the path, percent-decoded. */
  registryName: string;
  authorization: string | null;
  contentType: string | null;
  /** The body as text, or null as soon as it grows past `limit` bytes (the rest is not buffered). */
  readBody: (limit: number) => Promise<string | null>;
};

/** An answer as plain data, for a Web Response or a Node.js response alike. */
export type EnvelopeAnswer = {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** Set when events were stored: what the metrics count (lib/metrics/metrics.ts countIngest). */
  stored?: { registry: string; summary: IngestSummary };
};

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The sender hung up before its body was in: nothing was stored and there is no one to answer.
 * Its own class, so that the reset of the sender's connection is not read as the database's
 * (lib/db-errors.ts takes ECONNRESET for an unreachable database, and would answer 503).
 */
export class SenderGone extends Error {}

/** The ARM-style error body every API refusal has: { error: { code, message } }. */
export const refusal = (status: number, code: string, message: string, headers: Record<string, string> = {}): EnvelopeAnswer => ({
  status,
  body: { error: { code, message } },
  headers: { ...NO_STORE, ...headers },
});

/**
 * Runs the checks, then `store` (the ingest thread's or this thread's). Errors other than the
 * database's propagate, SenderGone among them (the caller has no one to answer).
 */
export const answerEnvelope = async (
  request: EnvelopeRequest,
  store: (registry: IngestTarget, body: string) => Promise<EnvelopeOutcome>,
): Promise<EnvelopeAnswer> => {
  try {
    return await checkAndStore(request, store);
  } catch (error) {
    if (error instanceof SenderGone || !isDatabaseUnavailable(error)) throw error;
    // Nothing was acknowledged: Distribution keeps the batch and sends it again (its backoff).
    console.warn(`[ingest] database unavailable; answered 503 (${(error as Error).message})`);
    return refusal(503, "DatabaseUnavailable", "The database cannot be reached right now; nothing was stored. Send the batch again.", { "Retry-After": "5" });
  }
};

const checkAndStore = async (request: EnvelopeRequest, store: (registry: IngestTarget, body: string) => Promise<EnvelopeOutcome>): Promise<EnvelopeAnswer> => {
  const registry = await deliveryStore.ingestRegistry(request.registryName);
  if (!registry) return refusal(404, "RegistryNotFound", `Registry "${request.registryName}" does not exist.`);

  const token = bearerToken(request.authorization);
  if (!token || !tokenMatches(token, registry.tokenHash)) {
    return refusal(401, "Unauthorized", "Send the registry's notifications token as Authorization: Bearer <token>.");
  }

  const mediaType = (request.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (!ENVELOPE_MEDIA_TYPES.includes(mediaType)) {
    return refusal(415, "UnsupportedMediaType", `Content-Type must be one of ${ENVELOPE_MEDIA_TYPES.join(", ")}.`);
  }

  const body = await request.readBody(MAX_ENVELOPE_BYTES).catch((error: unknown) => {
    throw new SenderGone(`the body ended early (${error instanceof Error ? error.message : String(error)})`);
  });
  if (body === null) return refusal(413, "PayloadTooLarge", "Notification bodies are limited to 1 MiB.");

  // Only what ingest reads: the registry row also carries its token's hash.
  const outcome = await store({ id: registry.id, name: registry.name, host: registry.host }, body);
  if (!outcome.ok) return refusal(400, outcome.code, outcome.message);
  return { status: 200, body: outcome.summary, headers: NO_STORE, stored: { registry: registry.name, summary: outcome.summary } };
};
