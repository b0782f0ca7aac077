import { HTTP, type CloudEvent } from "cloudevents";
import { describe, expect, it } from "vitest";
import {
  chatText,
  cloudEventSource,
  contentTypeOf,
  formatBody,
  shortDigest,
  type BodyContext,
  type BodyFacts,
} from "./payload-bodies";

const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
const context: BodyContext = { registry: "myregistry", source: "https://portal.example.com/registries/myregistry" };
const request = { id: "r1", host: "registry.example.com", method: "PUT", useragent: "skopeo" };

const push: BodyFacts = {
  action: "push",
  acr: {
    id: "11111111-1111-4111-8111-111111111111",
    timestamp: "2026-12-03T10:00:00.000Z",
    action: "push",
    target: { mediaType: "application/vnd.oci.image.manifest.v1+json", size: 10, digest, length: 10, repository: "app", tag: "v1" },
    request,
  },
  repository: "app",
  tag: "v1",
  digest,
};
const del: BodyFacts = {
  action: "delete",
  acr: { id: "22222222-2222-4222-8222-222222222222", timestamp: "2026-12-03T10:01:00.000Z", action: "delete", target: { digest, repository: "app" }, request },
  repository: "app",
  digest,
};
const ping: BodyFacts = {
  action: "ping",
  acr: { id: "33333333-3333-4333-8333-333333333333", timestamp: "2026-12-03T10:02:00.000Z", action: "ping" },
  webhook: "mywebhook",
};

/** The official SDK reads the body as a receiver would, from its headers, and checks it. */
const received = (body: string): CloudEvent<unknown> => {
  const event = HTTP.toEvent({ headers: { "content-type": contentTypeOf(body) }, body }) as CloudEvent<unknown> | CloudEvent<unknown>[];
  if (Array.isArray(event)) throw new Error("expected one event, not a batch");
  event.validate();
  return event;
};

describe("formatBody", () => {
  it.each([push, del, ping])("ACR: the $action body as it always was", (facts) => {
    const body = formatBody("acr", facts, context);
    expect(JSON.parse(body)).toEqual(facts.acr);
    expect(contentTypeOf(body)).toBe("application/json");
  });

  it.each([
    { facts: push, type: "io.registrywebhooks.image.pushed", subject: "app:v1" },
    { facts: del, type: "io.registrywebhooks.image.deleted", subject: `app@${digest}` },
    { facts: ping, type: "io.registrywebhooks.webhook.pinged", subject: undefined },
  ])("CloudEvents: $facts.action is a valid CloudEvent 1.0 carrying ACR's body", ({ facts, type, subject }) => {
    const body = formatBody("cloudevents", facts, context);
    expect(contentTypeOf(body)).toBe("application/cloudevents+json");
    const event = received(body);
    expect(event).toMatchObject({ specversion: "1.0", id: facts.acr.id, source: context.source, type, time: facts.acr.timestamp, datacontenttype: "application/json" });
    expect(event.subject).toBe(subject);
    expect(event.data).toEqual(facts.acr);
  });

  it.each([
    { facts: push, text: "Pushed app:v1 (sha256:0123456789ab…) to myregistry" },
    { facts: del, text: "Deleted app (sha256:0123456789ab…) from myregistry" },
    { facts: ping, text: "Ping from webhook mywebhook of myregistry" },
  ])("chat: $facts.action is one line of text", ({ facts, text }) => {
    const body = formatBody("chat", facts, context);
    expect(JSON.parse(body)).toEqual({ text });
    expect(chatText(facts, context)).toBe(text);
    expect(contentTypeOf(body)).toBe("application/json");
  });
});

describe("cloudEventSource", () => {
  it.each([
    { portalUrl: "https://portal.example.com", expected: "https://portal.example.com/registries/myregistry" },
    { portalUrl: "https://portal.example.com/", expected: "https://portal.example.com/registries/myregistry" },
    { portalUrl: undefined, expected: "/registries/myregistry" },
  ])("from PORTAL_URL $portalUrl", ({ portalUrl, expected }) => {
    expect(cloudEventSource(portalUrl, "myregistry")).toBe(expected);
  });

  it("is accepted by the SDK when relative too (a URI-reference)", () => {
    expect(received(formatBody("cloudevents", ping, { ...context, source: "/registries/myregistry" })).source).toBe("/registries/myregistry");
  });
});

describe("shortDigest", () => {
  it.each([
    { digest, expected: "sha256:0123456789ab…" },
    { digest: "sha256:abcd", expected: "sha256:abcd" },
  ])("$digest", ({ digest: full, expected }) => {
    expect(shortDigest(full)).toBe(expected);
  });
});
