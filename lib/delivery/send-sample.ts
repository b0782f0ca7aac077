import "server-only";
import { randomUUID } from "node:crypto";
import { deliveryStore } from "../db/delivery-store";
import { env } from "../env";
import { payloadFormatOf } from "../webhooks/payload-format";
import { cloudEventSource, formatBody } from "./payload-bodies";
import { newDeliveryId } from "./delivery-id.mjs";
import type { SampleAction } from "../webhooks/sample-schema";
import { sampleDeliveryAction, sampleFacts, sampleImageColumn } from "./sample-events";
import { sendAttemptNow } from "./send-now";

type SampleTarget = { id: string; serviceUriHash: string; payloadFormat: string; scope: string } & Parameters<typeof sendAttemptNow>[1];

/**
 * Sends a sample push or delete now, in the webhook's payload format, and stores it as a
 * "sample-push"/"sample-delete" event: recorded before sending and as failed until the answer
 * says otherwise, exactly as Ping is (sendPing), so the worker never sends it a second time.
 */
export const sendSample = async (webhook: SampleTarget, registry: { name: string; host: string }, action: SampleAction) => {
  const id = newDeliveryId();
  const facts = sampleFacts({ action, id, requestId: randomUUID(), now: new Date(), scope: webhook.scope, host: registry.host });
  const payload = formatBody(payloadFormatOf(webhook.payloadFormat), facts, {
    registry: registry.name,
    source: cloudEventSource(env.PORTAL_URL, registry.name),
  });
  const stored = sampleDeliveryAction(action);
  await deliveryStore.insertSample(
    { id, webhookId: webhook.id, action: stored, image: sampleImageColumn(facts), payload, serviceUriHash: webhook.serviceUriHash },
    new Date(),
  );
  return { id, ...(await sendAttemptNow({ id, payload, webhookId: webhook.id, action: stored, trigger: "sample" }, webhook, 1)) };
};
