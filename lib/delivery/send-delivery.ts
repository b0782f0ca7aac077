import "server-only";
import { env } from "../env";
import type { HeaderPair } from "../webhooks/headers";
import type { Plaintext } from "../webhooks/stored-secrets";
import { allowlistFor } from "./own-receivers";
import { contentTypeOf } from "./payload-bodies";
import { sendWebhookRequest } from "./send";
import { signatureHeaders } from "../crypto/webhook-signature";

/** Opened values only (openWebhook): a sealed service URI is not a Plaintext. */
export type DeliveryTarget = { serviceUri: Plaintext; headers: readonly HeaderPair[]; secrets: readonly Plaintext[] };

/**
 * One attempt of a delivery, however it was started (worker, Ping, Redeliver): the stored
 * body with its format's Content-Type, the admin's headers, signatures made for this attempt (webhook-timestamp is now), and the portal's
 * timeout and outbound policy.
 */
export const sendDelivery = (target: DeliveryTarget, delivery: { id: string; payload: string }) =>
  sendWebhookRequest({
    uri: target.serviceUri,
    customHeaders: [...target.headers, ...signatureHeaders(target.secrets, delivery.id, delivery.payload)],
    body: delivery.payload,
    contentType: contentTypeOf(delivery.payload),
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    allowlist: allowlistFor(target.serviceUri, env.OUTBOUND_ALLOWLIST, env.PORTAL_URL),
  });
