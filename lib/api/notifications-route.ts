import "server-only";
import { methodNotAllowed } from "../http/method-not-allowed";
import { readBodyWithin } from "../http/read-body";
import { ENVELOPE_MEDIA_TYPES } from "../registry/distribution";
import { answerEnvelope, refusal, SenderGone, type EnvelopeAnswer } from "../registry/envelope-request";
import { ingestEnvelope } from "../registry/ingest";
import { IngestThreadEnded, ingestOnThread } from "../registry/ingest-threads";
import { countIngest } from "../metrics/metrics";
import { readRegistryParams, type RegistryParams } from "../http/route-params";

/**
 * Distribution's notification endpoint, as a Next.js route: what `next dev` and the tests
 * serve, and what a built server falls back to while its ingest thread (which takes envelopes on
 * the portal's own port, lib/registry/notifications-listener.ts) is restarting. Answers only
 * after the events and their deliveries are stored; sending happens in the background, so slow
 * receivers never make the registry back off. The checks are lib/registry/envelope-request.ts.
 */
export const notificationsRoute = async (request: Request, { params }: { params: RegistryParams }) => {
  const { registry } = await readRegistryParams(params);
  const answer = await answerEnvelope(
    {
      registryName: registry,
      authorization: request.headers.get("authorization"),
      contentType: request.headers.get("content-type"),
      readBody: (limit) => readBodyWithin(request, limit),
    },
    // Parsed and stored on the ingest thread in a built server (lib/registry/ingest-threads.ts), else here.
    (target, body) => ingestOnThread(target, body) ?? ingestEnvelope(target, body),
  ).catch((error: unknown): EnvelopeAnswer => {
    // Nobody reads this answer; it keeps an aborted upload out of the error log.
    if (error instanceof SenderGone) return refusal(400, "BodyIncomplete", "The request body ended early; nothing was stored.");
    if (!(error instanceof IngestThreadEnded)) throw error;
    console.warn(`[ingest] ${error.message}; answered 503`);
    return refusal(503, "IngestInterrupted", "The server stopped storing this batch before it was done; nothing was acknowledged. Send the batch again.", {
      "Retry-After": "1",
    });
  });
  if (answer.stored) countIngest(answer.stored.registry, answer.stored.summary);
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
};

// Every other method: 405 with what to send (Next.js answers HEAD with the GET handler).
export const notificationsOtherMethods = methodNotAllowed(
  ["POST"],
  `Send notifications as POST with Content-Type ${new Intl.ListFormat("en", { type: "disjunction" }).format(ENVELOPE_MEDIA_TYPES)}.`,
);
