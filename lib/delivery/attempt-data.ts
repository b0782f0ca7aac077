import { maskRequestHeaders, maskUri } from "../webhooks/secrets-mask";
import type { AttemptRow } from "../db/delivery-store-types";
import { BoundedMemo } from "./bounded-memo";
import type { DeliveryResult } from "./send";

/**
 * Masked URIs already worked out: every attempt of a webhook masks the same URI, and parsing
 * and writing it back was 2.5 % of a delivery thread's time in the burst benchmark.
 */
const maskedUris = new BoundedMemo<string, string>(1024);

/**
 * The Attempt row for one finished request: what was sent (the URI's credentials and the
 * admin's header values masked: logs must not leak them), and what came back or why not.
 */
export const attemptData = (deliveryId: string, number: number, result: DeliveryResult): AttemptRow => ({
  deliveryId,
  number,
  requestMethod: result.request.method,
  requestUri: maskedUris.get(result.request.uri, () => maskUri(result.request.uri)),
  requestHeaders: JSON.stringify(maskRequestHeaders(result.request.headers)),
  requestBody: result.request.body.text,
  requestBodyTruncated: result.request.body.isTruncated,
  responseStatus: result.response?.status ?? null,
  responseReason: result.response?.reason ?? null,
  responseHeaders: result.response ? JSON.stringify(result.response.headers) : null,
  responseBody: result.response?.body.text ?? null,
  responseBodyTruncated: result.response?.body.isTruncated ?? false,
  error: result.error,
  durationMs: result.durationMs,
});

/** The response's Retry-After header, if any. */
export const retryAfterHeader = (result: DeliveryResult) =>
  result.response?.headers.find(([name]) => name.toLowerCase() === "retry-after")?.[1];
