import "server-only";
import { methodNotAllowed } from "../http/method-not-allowed";
import { apiError, apiJson } from "../http/responses";
import { isDatabaseUnavailable } from "../db-errors";
import { ENVELOPE_MEDIA_TYPES, MAX_ENVELOPE_BYTES } from "../registry/distribution";
import { ingestEnvelope } from "../registry/ingest";
import { IngestThreadEnded, ingestOnThread } from "../registry/ingest-threads";
import { countIngest } from "../metrics/metrics";
import { readBodyWithin } from "../http/read-body";
import { bearerToken } from "../http/bearer-token";
import { tokenMatches } from "../security/token-hash";
import { deliveryStore } from "../db/delivery-store";
import { readRegistryParams, type RegistryParams } from "../http/route-params";

/**
 * Distribution's notification endpoint. Answers only after the events and their deliveries
 * are stored; sending happens in the background, so slow receivers never make the registry
 * back off. Every refusal stores nothing; events that break the grammar are ignored, with the
 * reason in the answer, and the rest of the batch is stored.
 */
export const notificationsRoute = async (request: Request, context: { params: RegistryParams }) => {
  try {
    return await ingest(request, context);
  } catch (error) {
    if (error instanceof IngestThreadEnded) {
      console.warn(`[ingest] ${error.message}; answered 503`);
      return apiError(503, "IngestInterrupted", "The server stopped storing this batch before it was done; nothing was acknowledged. Send the batch again.", undefined, {
        "retry-after": "1",
      });
    }
    if (!isDatabaseUnavailable(error)) throw error;
    // Nothing was acknowledged: Distribution keeps the batch and sends it again (its backoff).
    console.warn(`[ingest] database unavailable; answered 503 (${(error as Error).message})`);
    return apiError(503, "DatabaseUnavailable", "The database cannot be reached right now; nothing was stored. Send the batch again.", undefined, {
      "retry-after": "5",
    });
  }
};

const ingest = async (request: Request, { params }: { params: RegistryParams }) => {
  const { registry: name } = await readRegistryParams(params);
  const registry = await deliveryStore.ingestRegistry(name);
  if (!registry) return apiError(404, "RegistryNotFound", `Registry "${name}" does not exist.`);

  const token = bearerToken(request.headers.get("authorization"));
  if (!token || !tokenMatches(token, registry.tokenHash)) {
    return apiError(401, "Unauthorized", "Send the registry's notifications token as Authorization: Bearer <token>.");
  }

  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ENVELOPE_MEDIA_TYPES.includes(mediaType)) {
    return apiError(415, "UnsupportedMediaType", `Content-Type must be one of ${ENVELOPE_MEDIA_TYPES.join(", ")}.`);
  }

  const body = await readBodyWithin(request, MAX_ENVELOPE_BYTES);
  if (body === null) return apiError(413, "PayloadTooLarge", "Notification bodies are limited to 1 MiB.");

  // Parsed and stored on the ingest thread in a built server (lib/registry/ingest-threads.ts), else here.
  const outcome = await (ingestOnThread(registry, body) ?? ingestEnvelope(registry, body));
  if (!outcome.ok) return apiError(400, outcome.code, outcome.message);
  countIngest(registry.name, outcome.summary);
  return apiJson(outcome.summary);
};

// Every other method: 405 with what to send (Next.js answers HEAD with the GET handler).
export const notificationsOtherMethods = methodNotAllowed(
  ["POST"],
  `Send notifications as POST with Content-Type ${new Intl.ListFormat("en", { type: "disjunction" }).format(ENVELOPE_MEDIA_TYPES)}.`,
);
