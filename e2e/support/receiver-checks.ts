import { createHmac } from "node:crypto";
import { expect } from "@playwright/test";
import { HTTP, type CloudEvent } from "cloudevents";
import type { ReceivedRequest } from "./receiver";

// What a receiver does with a delivery, written from the published specifications rather than
// the portal's code, so a spec that uses them checks the portal against the standard.

/** Standard Webhooks: base64(HMAC-SHA256(base64-decoded secret, "{id}.{timestamp}.{body}")) among the v1 signatures. */
export const isSignedBy = (secret: string, got: ReceivedRequest) => {
  const expected = createHmac("sha256", Buffer.from(secret.split("_")[1], "base64"))
    .update(`${got.headers["webhook-id"]}.${got.headers["webhook-timestamp"]}.${got.body}`)
    .digest("base64");
  return String(got.headers["webhook-signature"]).split(" ").includes(`v1,${expected}`);
};

/** CloudEvents: the official SDK reads the event from headers and body, then validates it. */
export const toCloudEvent = (got: ReceivedRequest): CloudEvent<unknown> => {
  const headers = Object.fromEntries(Object.entries(got.headers).map(([name, value]) => [name, String(value)]));
  const event = HTTP.toEvent({ headers, body: got.body }) as CloudEvent<unknown> | CloudEvent<unknown>[];
  if (Array.isArray(event)) throw new Error("expected one CloudEvent, got a batch");
  expect(event.validate()).toBe(true);
  return event;
};
