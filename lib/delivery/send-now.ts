import "server-only";
import { db } from "../db";
import { env } from "../env";
import { httpStatusText, isSuccessful, outcomeOf } from "../events/http-status";
import type { HeaderPair } from "../webhooks/headers";
import { attemptData } from "./attempt-data";
import { sendWebhookRequest, type DeliveryResult } from "./send";
import { signatureHeaders } from "./signature";
import { secretsInForce } from "../webhooks/signing";

type Target = {
  serviceUri: string;
  customHeaders: string;
  signingSecret: string;
  previousSigningSecret: string;
  previousSecretExpiresAt: Date | null;
};

export type SentNow = { result: DeliveryResult; httpStatus: string; isSuccess: boolean };

/**
 * Sends one attempt while the admin waits (Ping, Redeliver) and records it. These are
 * one-shot: the admin sees the outcome at once and decides, so they are not retried.
 */
export const sendAttemptNow = async (
  delivery: { id: string; payload: string },
  webhook: Target,
  attemptNumber: number,
): Promise<SentNow> => {
  const result = await sendWebhookRequest({
    uri: webhook.serviceUri,
    customHeaders: [
      ...(JSON.parse(webhook.customHeaders) as HeaderPair[]),
      ...signatureHeaders(secretsInForce(webhook), delivery.id, delivery.payload),
    ],
    body: delivery.payload,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowlist: env.OUTBOUND_ALLOWLIST,
  });
  const outcome = outcomeOf(result);
  const httpStatus = httpStatusText(outcome);
  const isSuccess = isSuccessful(outcome);
  await db.$transaction([
    db.attempt.create({ data: attemptData(delivery.id, attemptNumber, result) }),
    db.delivery.update({
      where: { id: delivery.id },
      data: {
        state: isSuccess ? "delivered" : "failed",
        attemptCount: attemptNumber,
        lastStatus: httpStatus,
        leaseUntil: 0,
        leaseOwner: "",
      },
    }),
  ]);
  return { result, httpStatus, isSuccess };
};
