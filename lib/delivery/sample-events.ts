import { createHash } from "node:crypto";
import type { SampleAction } from "../webhooks/sample-schema";
import { parseScope } from "../webhooks/scope";
import type { AcrBody, BodyFacts } from "./payload-bodies";

// "Send sample": a made-up push or delete, shaped exactly like the ones the registry's
// notifications produce (lib/registry/acr-events.ts, acrPayload), so a receiver's parser
// meets the real thing. Plain code: the unit tests build bodies without a database.

/** Sent with every attempt of a sample (Redeliver too): receivers can drop or route it. */
export const SAMPLE_HEADER = "X-Registry-Webhooks-Sample";

/** The Delivery.action a sample is stored with: the events table says what it was, and Recover skips it. */
export const sampleDeliveryAction = (action: SampleAction) => `sample-${action}` as const;
export type SampleDeliveryAction = ReturnType<typeof sampleDeliveryAction>;
export const isSampleDeliveryAction = (action: string | undefined): boolean => action?.startsWith("sample-") ?? false;

/** The image a sample is about when the webhook's scope names none. */
export const DEFAULT_SAMPLE_REPOSITORY = "samples/hello-world";
export const DEFAULT_SAMPLE_TAG = "v1";
/** request.host when the registry has no address set (Registries page). */
export const DEFAULT_SAMPLE_HOST = "registry.example.com";
export const SAMPLE_USER_AGENT = "registry-webhooks (sample event)";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

/**
 * A real OCI image manifest (one config, one layer), so the sample's digest and size are
 * those of its bytes, as a registry would report them. The same for every sample: a sample
 * push and a sample delete name the same manifest.
 */
export const SAMPLE_MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: `sha256:${"a".repeat(64)}`, size: 1469 },
  layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: `sha256:${"b".repeat(64)}`, size: 3208942 }],
});
export const SAMPLE_DIGEST = `sha256:${createHash("sha256").update(SAMPLE_MANIFEST).digest("hex")}`;
export const SAMPLE_SIZE = Buffer.byteLength(SAMPLE_MANIFEST);

/**
 * The repository and tag of a sample: the webhook's own when its scope names them, so the
 * sample is one the webhook would really get ("repo:*" takes the default tag); the default
 * image for a webhook on the whole registry (or a scope that no longer parses).
 */
export const sampleImage = (scope: string): { repository: string; tag: string } => {
  const parsed = parseScope(scope);
  if (!parsed.ok || parsed.scope.kind === "all") return { repository: DEFAULT_SAMPLE_REPOSITORY, tag: DEFAULT_SAMPLE_TAG };
  if (parsed.scope.kind === "repository") return { repository: parsed.scope.repository, tag: DEFAULT_SAMPLE_TAG };
  return { repository: parsed.scope.repository, tag: parsed.scope.tag };
};

export type SampleInput = {
  action: SampleAction;
  /** The delivery's id, sent as the body's "id". */
  id: string;
  /** request.id: the registry request the event stands for. */
  requestId: string;
  now: Date;
  scope: string;
  /** The registry's address (request.host); empty when not set. */
  host: string;
};

/** The facts formatBody turns into each format's body, marked as a sample. */
export const sampleFacts = ({ action, id, requestId, now, scope, host }: SampleInput): BodyFacts => {
  const { repository, tag } = sampleImage(scope);
  const request = { id: requestId, host: host || DEFAULT_SAMPLE_HOST, method: action === "push" ? "PUT" : "DELETE", useragent: SAMPLE_USER_AGENT };
  const base = { id, timestamp: now.toISOString(), action };
  if (action === "push") {
    const target = { mediaType: OCI_MANIFEST, size: SAMPLE_SIZE, digest: SAMPLE_DIGEST, length: SAMPLE_SIZE, repository, tag };
    const acr: AcrBody = { ...base, target, request };
    return { action, acr, repository, tag, digest: SAMPLE_DIGEST, isSample: true };
  }
  const acr: AcrBody = { ...base, target: { mediaType: OCI_MANIFEST, digest: SAMPLE_DIGEST, repository }, request };
  return { action, acr, repository, digest: SAMPLE_DIGEST, isSample: true };
};

/** The Image column, as for real events: "repo:tag" for a push, "repo@digest" for a delete. */
export const sampleImageColumn = (facts: BodyFacts) =>
  facts.action === "push" ? `${facts.repository}:${facts.tag}` : facts.action === "delete" ? `${facts.repository}@${facts.digest}` : "";
