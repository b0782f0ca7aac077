import "server-only";
import { deliveryStore } from "../db/delivery-store";
import { httpStatusText, isSuccessful, outcomeOf } from "../events/http-status";
import { trackWork } from "../lifecycle/shutdown";
import { countSentNow } from "../metrics/metrics";
import { attemptData } from "./attempt-data";
import type { DeliveryResult } from "./send";
import { sendDelivery } from "./send-delivery";
import { secretsInForce } from "../webhooks/signing";
import type { OpenedWebhook } from "../webhooks/stored-secrets";

/** The webhook opened (findWebhookRow): a stored row does not type-check here. */
type Target = Pick<OpenedWebhook, "serviceUri" | "customHeaders" | "signingSecret" | "previousSigningSecret"> & {
  previousSecretExpiresAt: Date | null;
};

export type SentNow = { result: DeliveryResult; httpStatus: string; isSuccess: boolean };

/** The delivery sent now; `trigger` says which button sent it (for the metrics); `action` the stored one (a sample's adds its header). */
type SentDelivery = { id: string; payload: string; webhookId: string; action?: string; trigger: "ping" | "redeliver" | "sample" };

/**
 * Sends one attempt while the admin waits (Ping, Redeliver, Send sample) and records it. These are
 * one-shot: the admin sees the outcome at once and decides, so they are not retried.
 */
export const sendAttemptNow = (delivery: SentDelivery, webhook: Target, attemptNumber: number) =>
  // A graceful shutdown waits for it to be sent and recorded.
  trackWork(() => sendAndRecord(delivery, webhook, attemptNumber));

const sendAndRecord = async (delivery: SentDelivery, webhook: Target, attemptNumber: number): Promise<SentNow> => {
  const { serviceUri, customHeaders } = webhook;
  const result = await sendDelivery({ serviceUri, headers: customHeaders, secrets: secretsInForce(webhook) }, delivery);
  const outcome = outcomeOf(result);
  const httpStatus = httpStatusText(outcome);
  const isSuccess = isSuccessful(outcome);
  await deliveryStore.recordSentNow(
    attemptData(delivery.id, attemptNumber, result),
    { state: isSuccess ? "delivered" : "failed", lastStatus: httpStatus },
    new Date(),
  );
  countSentNow(delivery.webhookId, delivery.trigger, isSuccess, result.durationMs);
  return { result, httpStatus, isSuccess };
};
