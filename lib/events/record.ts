import "server-only";
import { db } from "../db";
import type { DeliveryResult } from "../delivery/send";

type NewEvent = { id: string; webhookId: string; action: string; image?: string; result: DeliveryResult };

/** Stores one attempt: what was sent, and what came back or why nothing did. */
export const recordEvent = ({ id, webhookId, action, image = "", result }: NewEvent) =>
  db.webhookEvent.create({
    data: {
      id,
      webhookId,
      action,
      image,
      requestMethod: result.request.method,
      requestUri: result.request.uri,
      requestHeaders: JSON.stringify(result.request.headers),
      requestBody: result.request.body.text,
      requestBodyTruncated: result.request.body.isTruncated,
      responseStatus: result.response?.status ?? null,
      responseReason: result.response?.reason ?? null,
      responseHeaders: result.response ? JSON.stringify(result.response.headers) : null,
      responseBody: result.response?.body.text ?? null,
      responseBodyTruncated: result.response?.body.isTruncated ?? false,
      error: result.error,
      durationMs: result.durationMs,
    },
  });
