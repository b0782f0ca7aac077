import "server-only";
import { env } from "../env";
import { isHeaderPairList } from "../http/header-pair";
import type { HeaderPair } from "../webhooks/headers";
import type { Plaintext } from "../webhooks/stored-secrets";
import { allowlistFor } from "./own-receivers";
import { contentTypeOf } from "./payload-bodies";
import { isSampleDeliveryAction, SAMPLE_HEADER } from "./sample-events";
import { sendWebhookRequest } from "./send";
import { signatureHeaders } from "../crypto/webhook-signature";

/** Opened values only (openWebhook): a sealed service URI is not a Plaintext. */
export type DeliveryTarget = { serviceUri: Plaintext; headers: readonly HeaderPair[]; secrets: readonly Plaintext[] };

/** A sample says so on every attempt, after the admin's headers (so one of theirs cannot hide it). */
const sampleHeaders = (action: string | undefined): HeaderPair[] => (isSampleDeliveryAction(action) ? [[SAMPLE_HEADER, "true"]] : []);

/**
 * One attempt of a delivery, however it was started (worker, Ping, Redeliver, Send sample):
 * the stored body with its format's Content-Type, the admin's headers, the sample header when
 * its stored action is a sample's, signatures made for this attempt (webhook-timestamp is
 * now), and the portal's timeout and outbound policy.
 */
export const sendDelivery = (target: DeliveryTarget, delivery: { id: string; payload: string; action?: string }) =>
  sendWebhookRequest({
    uri: target.serviceUri,
    // Stored headers that are not a list are passed on as they are: sendWebhookRequest records why they cannot be sent.
    customHeaders: isHeaderPairList(target.headers)
      ? [...target.headers, ...sampleHeaders(delivery.action), ...signatureHeaders(target.secrets, delivery.id, delivery.payload)]
      : target.headers,
    body: delivery.payload,
    contentType: contentTypeOf(delivery.payload),
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowlist: allowlistFor(target.serviceUri, env.OUTBOUND_ALLOWLIST, env.PORTAL_URL),
  });
