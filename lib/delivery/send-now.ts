import "server-only";
import { secretKey } from "../crypto/secret-key";
import { deliveryStore } from "../db/delivery-store";
import { httpStatusText, isSuccessful, outcomeOf } from "../events/http-status";
import type { HeaderPair } from "../webhooks/headers";
import { trackWork } from "../lifecycle/shutdown";
import { attemptData } from "./attempt-data";
import type { DeliveryResult } from "./send";
import { sendDelivery } from "./send-delivery";
import { secretsInForce } from "../webhooks/signing";
import { openWebhookSecrets } from "../webhooks/stored-secrets";

/** The webhook row as findWebhookRow returns it (service URI and headers decrypted) or as stored. */
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
export const sendAttemptNow = (delivery: { id: string; payload: string }, webhook: Target, attemptNumber: number) =>
  // A graceful shutdown waits for it to be sent and recorded.
  trackWork(() => sendAndRecord(delivery, webhook, attemptNumber));

const sendAndRecord = async (
  delivery: { id: string; payload: string },
  webhook: Target,
  attemptNumber: number,
): Promise<SentNow> => {
  // Plaintext passes through openWebhookSecrets, so an already-opened row is fine too.
  const { serviceUri, customHeaders } = openWebhookSecrets(webhook, secretKey());
  const headers = JSON.parse(customHeaders) as HeaderPair[];
  const result = await sendDelivery({ serviceUri, headers, secrets: secretsInForce(webhook) }, delivery);
  const outcome = outcomeOf(result);
  const httpStatus = httpStatusText(outcome);
  const isSuccess = isSuccessful(outcome);
  await deliveryStore.recordSentNow(
    attemptData(delivery.id, attemptNumber, result),
    { state: isSuccess ? "delivered" : "failed", lastStatus: httpStatus },
    new Date(),
  );
  return { result, httpStatus, isSuccess };
};
