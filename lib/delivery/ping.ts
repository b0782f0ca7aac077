import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "../env";
import { recordEvent } from "../events/record";
import type { HeaderPair } from "../webhooks/headers";
import { sendWebhookRequest } from "./send";

type PingTarget = { id: string; serviceUri: string; customHeaders: string };

/** ACR's ping body: just an id, a timestamp and the action. */
export const pingPayload = (id: string, now = new Date()) => ({
  id,
  timestamp: now.toISOString(),
  action: "ping" as const,
});

/** Sends a ping (enabled or not, as in ACR) and stores it as a `ping` event. */
export const sendPing = async (webhook: PingTarget) => {
  const id = randomUUID();
  const result = await sendWebhookRequest({
    uri: webhook.serviceUri,
    customHeaders: JSON.parse(webhook.customHeaders) as HeaderPair[],
    body: JSON.stringify(pingPayload(id)),
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
  });
  await recordEvent({ id, webhookId: webhook.id, action: "ping", result });
  return { id, result };
};
