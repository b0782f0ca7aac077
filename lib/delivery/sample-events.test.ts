import { createHash } from "node:crypto";
import { HTTP, type CloudEvent } from "cloudevents";
import { describe, expect, it } from "vitest";
import { contentTypeOf, formatBody, type BodyContext } from "./payload-bodies";
import {
  DEFAULT_SAMPLE_HOST,
  isSampleDeliveryAction,
  SAMPLE_DIGEST,
  SAMPLE_MANIFEST,
  SAMPLE_SIZE,
  sampleDeliveryAction,
  sampleFacts,
  sampleImage,
  sampleImageColumn,
  type SampleInput,
} from "./sample-events";

const context: BodyContext = { registry: "myregistry", source: "/registries/myregistry" };
const now = new Date("2026-12-03T15:00:00.000Z");
const input = (overrides: Partial<SampleInput> = {}): SampleInput => ({
  action: "push",
  id: "11111111-1111-4111-8111-111111111111",
  requestId: "22222222-2222-4222-8222-222222222222",
  now,
  scope: "",
  host: "registry.example.com:5000",
  ...overrides,
});

/** The official SDK reads the body as a receiver would, from its headers, and validates it. */
const received = (body: string): CloudEvent<unknown> => {
  const event = HTTP.toEvent({ headers: { "content-type": contentTypeOf(body) }, body }) as CloudEvent<unknown> | CloudEvent<unknown>[];
  if (Array.isArray(event)) throw new Error("expected one event, not a batch");
  expect(event.validate()).toBe(true);
  return event;
};

describe("sampleImage: the sample matches the webhook's scope", () => {
  it.each([
    { scope: "", expected: { repository: "samples/hello-world", tag: "v1" } },
    { scope: "team/api:*", expected: { repository: "team/api", tag: "v1" } },
    { scope: "team/api:2.1", expected: { repository: "team/api", tag: "2.1" } },
    { scope: "team/api", expected: { repository: "team/api", tag: "latest" } },
    { scope: "Not A Scope", expected: { repository: "samples/hello-world", tag: "v1" } },
  ])("scope $scope → $expected.repository:$expected.tag", ({ scope, expected }) => {
    expect(sampleImage(scope)).toEqual(expected);
  });
});

describe("the sample manifest", () => {
  it("is named by the sha256 of its bytes and sized by their length, as a registry reports it", () => {
    expect(SAMPLE_DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(SAMPLE_DIGEST).toBe(`sha256:${createHash("sha256").update(SAMPLE_MANIFEST).digest("hex")}`);
    expect(SAMPLE_SIZE).toBe(Buffer.byteLength(SAMPLE_MANIFEST));
    expect(JSON.parse(SAMPLE_MANIFEST)).toMatchObject({ schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json" });
  });
});

describe("sampleFacts: ACR's body as a real event has it", () => {
  it("a push: id, timestamp, action, target (manifest, size, digest, length, repository, tag) and request, in that order", () => {
    const facts = sampleFacts(input({ scope: "team/api:2.1" }));
    const body = JSON.parse(formatBody("acr", facts, context));
    expect(Object.keys(body)).toEqual(["id", "timestamp", "action", "target", "request"]);
    expect(body).toEqual({
      id: "11111111-1111-4111-8111-111111111111",
      timestamp: "2026-12-03T15:00:00.000Z",
      action: "push",
      target: {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        size: SAMPLE_SIZE,
        digest: SAMPLE_DIGEST,
        length: SAMPLE_SIZE,
        repository: "team/api",
        tag: "2.1",
      },
      request: { id: "22222222-2222-4222-8222-222222222222", host: "registry.example.com:5000", method: "PUT", useragent: "registry-webhooks (sample event)" },
    });
    expect(sampleImageColumn(facts)).toBe("team/api:2.1");
  });

  it("a delete: target has the manifest's media type, digest and repository only, and the request is a DELETE", () => {
    const facts = sampleFacts(input({ action: "delete", host: "" }));
    const body = JSON.parse(formatBody("acr", facts, context));
    expect(Object.keys(body.target)).toEqual(["mediaType", "digest", "repository"]);
    expect(body).toMatchObject({ action: "delete", target: { digest: SAMPLE_DIGEST, repository: "samples/hello-world" } });
    expect(body.request).toMatchObject({ method: "DELETE", host: DEFAULT_SAMPLE_HOST });
    expect(sampleImageColumn(facts)).toBe(`samples/hello-world@${SAMPLE_DIGEST}`);
  });
});

describe("a sample is marked in each format", () => {
  it("CloudEvents: a valid event with the extension attribute sample=true and ACR's body as data", () => {
    const push = received(formatBody("cloudevents", sampleFacts(input()), context));
    expect(push).toMatchObject({ type: "io.registrywebhooks.image.pushed", subject: "samples/hello-world:v1", sample: true, time: "2026-12-03T15:00:00.000Z" });
    expect(push.data).toMatchObject({ action: "push", target: { digest: SAMPLE_DIGEST } });
    const deleted = received(formatBody("cloudevents", sampleFacts(input({ action: "delete" })), context));
    expect(deleted).toMatchObject({ type: "io.registrywebhooks.image.deleted", subject: `samples/hello-world@${SAMPLE_DIGEST}`, sample: true });
  });

  it("a real event's CloudEvent has no sample attribute", () => {
    const { isSample: _dropped, ...real } = sampleFacts(input());
    expect(received(formatBody("cloudevents", real, context)).sample).toBeUndefined();
  });

  it("chat: the line starts with [Sample]", () => {
    expect(JSON.parse(formatBody("chat", sampleFacts(input()), context))).toEqual({
      text: `[Sample] Pushed samples/hello-world:v1 (${SAMPLE_DIGEST.slice(0, 19)}…) to myregistry`,
    });
    expect(JSON.parse(formatBody("chat", sampleFacts(input({ action: "delete" })), context)).text).toBe(
      `[Sample] Deleted samples/hello-world (${SAMPLE_DIGEST.slice(0, 19)}…) from myregistry`,
    );
  });
});

describe("the stored action", () => {
  it("is sample-push or sample-delete, which the sender (and only it) recognises as a sample's", () => {
    expect(sampleDeliveryAction("push")).toBe("sample-push");
    expect(sampleDeliveryAction("delete")).toBe("sample-delete");
    expect(["sample-push", "sample-delete"].map(isSampleDeliveryAction)).toEqual([true, true]);
    expect(["push", "delete", "ping", undefined].map(isSampleDeliveryAction)).toEqual([false, false, false, false]);
  });
});
