import type { DistributionEvent } from "./distribution";

// Distribution event → ACR webhook event. ACR fires "push" when a manifest is pushed with a
// tag and "delete" when a manifest (or repository) is deleted; it does not fire for blob
// uploads, pulls, mounts, pushes by digest only, or a tag deleted on its own.

const MANIFEST_MEDIA_TYPES = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
]);

type RequestInfo = { id: string; host: string; method: string; useragent: string };

export type AcrEvent =
  | {
      action: "push";
      sourceId: string;
      timestamp: string;
      repository: string;
      tag: string;
      digest: string;
      target: { mediaType: string; size: number; digest: string; length: number; repository: string; tag: string };
      request: RequestInfo;
    }
  | {
      action: "delete";
      sourceId: string;
      timestamp: string;
      repository: string;
      digest: string;
      target: { mediaType?: string; digest: string; repository: string };
      request: RequestInfo;
    };

const requestInfo = (event: DistributionEvent, registryHost: string): RequestInfo => ({
  id: event.request?.id ?? "",
  host: registryHost || event.request?.host || "",
  method: event.request?.method ?? "",
  useragent: event.request?.useragent ?? "",
});

/** Maps one Distribution event; null when ACR would not fire for it. */
export const toAcrEvent = (event: DistributionEvent, registryHost: string): AcrEvent | null => {
  const target = event.target;
  const repository = target?.repository;
  if (!target || !repository) return null;
  const timestamp = event.timestamp ?? new Date().toISOString();
  const request = requestInfo(event, registryHost);

  if (event.action === "push") {
    const { mediaType, digest, tag } = target;
    if (!mediaType || !MANIFEST_MEDIA_TYPES.has(mediaType) || !digest || !tag) return null;
    const size = target.size ?? target.length ?? 0;
    return {
      action: "push",
      sourceId: event.id,
      timestamp,
      repository,
      tag,
      digest,
      target: { mediaType, size, digest, length: target.length ?? size, repository, tag },
      request,
    };
  }
  if (event.action === "delete") {
    // A tag deletion names the tag; a manifest deletion names only the digest.
    if (target.tag || !target.digest) return null;
    const mediaType = target.mediaType && MANIFEST_MEDIA_TYPES.has(target.mediaType) ? target.mediaType : undefined;
    return {
      action: "delete",
      sourceId: event.id,
      timestamp,
      repository,
      digest: target.digest,
      target: { ...(mediaType ? { mediaType } : {}), digest: target.digest, repository },
      request,
    };
  }
  return null;
};

/** The JSON body a webhook receives for `event`, with this delivery's own id. */
export const acrPayload = (deliveryId: string, event: AcrEvent) => ({
  id: deliveryId,
  timestamp: event.timestamp,
  action: event.action,
  target: event.target,
  request: event.request,
});

/** The Image column: "repo:tag" for a push, "repo@digest" for a delete. */
export const imageOf = (event: AcrEvent) =>
  event.action === "push" ? `${event.repository}:${event.tag}` : `${event.repository}@${event.digest}`;
