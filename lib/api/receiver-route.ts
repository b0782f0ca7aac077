import "server-only";
import { env } from "../env";
import { clientAddress } from "../http/client-address";
import { rateLimiter } from "../security/rate-limit";
import { RECEIVER_RATE_LIMIT, slowAnswerDelayMs } from "../test-receivers/limits";
import { readCappedBody } from "../test-receivers/read-capped";
import { recordedHeaders } from "../test-receivers/recorded-headers";
import { isReceiverId } from "../test-receivers/receiver-url";
import { liveReceiver, recordRequest } from "../test-receivers/store";

// /api/receivers/{id}: a test receiver (README, "Test receivers"). Open to anyone who knows
// the id, as a webhook receiver is, so it is bounded: an unknown or expired id is 404 before
// anything is read or stored, a receiver takes RECEIVER_RATE_LIMIT requests a minute (429
// past it), at most MAX_RECEIVED_BODY_BYTES of a body is read, and any failure is a short
// JSON answer, never a stack trace.

type ReceiverParams = { params: Promise<{ id: string }> };

const answer = (status: number, body: Record<string, unknown> | null, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { "Cache-Control": "no-store", ...(body === null ? {} : { "Content-Type": "application/json" }), ...headers },
  });

const notFound = (isHead: boolean) =>
  answer(404, isHead ? null : { error: { code: "ReceiverNotFound", message: "No test receiver has this address (it may have expired or been deleted)." } });

/** Resolves after `ms`, or as soon as the sender hangs up (then nobody is waiting for the answer). */
const waitUnlessAborted = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

const receive = async (request: Request, { params }: ReceiverParams) => {
  const isHead = request.method === "HEAD";
  const { id } = await params;
  if (!isReceiverId(id)) return notFound(isHead);
  const receiver = await liveReceiver(id);
  if (!receiver) return notFound(isHead);

  const verdict = await rateLimiter.take(RECEIVER_RATE_LIMIT, receiver.id);
  if (!verdict.isAllowed) {
    const message = `This test receiver takes at most ${RECEIVER_RATE_LIMIT.limit} requests a minute; try again in ${verdict.retryInSeconds} s. Nothing was recorded.`;
    return answer(429, isHead ? null : { error: { code: "TooManyRequests", message } }, { "Retry-After": String(verdict.retryInSeconds) });
  }

  const { body, isTruncated } = await readCappedBody(request);
  const url = new URL(request.url);
  await recordRequest(receiver.id, {
    method: request.method,
    query: url.search.replace(/^\?/, ""),
    headers: recordedHeaders(request.headers),
    body,
    isTruncated,
    sourceAddress: clientAddress(request.headers),
  });

  if (receiver.mode === "slow") await waitUnlessAborted(slowAnswerDelayMs(env.WEBHOOK_TIMEOUT_MS), request.signal);
  if (receiver.mode === "error") {
    return answer(500, isHead ? null : { error: { code: "TestReceiverError", message: "This test receiver is set to answer 500. The request was recorded." } });
  }
  return answer(200, isHead ? null : { received: true });
};

export const receiverRoute = async (request: Request, context: ReceiverParams): Promise<Response> => {
  try {
    return await receive(request, context);
  } catch (error) {
    console.error("[test-receiver] could not handle a request", error);
    return answer(503, { error: { code: "ReceiverUnavailable", message: "The test receiver could not record this request; try again." } });
  }
};
