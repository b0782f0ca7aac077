import { parseDistributionEvent, type DistributionEvent, type RawEvent } from "./distribution";

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

export type Mapping = { ok: true; event: AcrEvent } | { ok: false; reason: string };

const ignore = (reason: string): Mapping => ({ ok: false, reason });

/** Maps one (checked) Distribution event, or says why ACR would not fire for it. */
export const toAcrEvent = (event: DistributionEvent, registryHost: string): Mapping => {
  const target = event.target;
  const repository = target?.repository;
  if (!target || !repository) return ignore("target.repository: the event names no repository");
  const timestamp = event.timestamp ?? new Date().toISOString();
  const request = requestInfo(event, registryHost);

  if (event.action === "push") {
    const { mediaType, digest, tag } = target;
    if (!mediaType || !MANIFEST_MEDIA_TYPES.has(mediaType)) return ignore("a push of a blob or other content than a manifest: ACR does not fire");
    if (!tag) return ignore("a push by digest only, without a tag: ACR does not fire");
    if (!digest) return ignore("target.digest: a manifest push without a digest");
    const size = target.size ?? target.length ?? 0;
    return {
      ok: true,
      event: {
        action: "push",
        sourceId: event.id,
        timestamp,
        repository,
        tag,
        digest,
        target: { mediaType, size, digest, length: target.length ?? size, repository, tag },
        request,
      },
    };
  }
  if (event.action === "delete") {
    // A tag deletion names the tag; a manifest deletion names only the digest.
    if (target.tag) return ignore("a tag deleted on its own: ACR does not fire");
    if (!target.digest) return ignore("target.digest: a delete without a digest");
    const mediaType = target.mediaType && MANIFEST_MEDIA_TYPES.has(target.mediaType) ? target.mediaType : undefined;
    return {
      ok: true,
      event: {
        action: "delete",
        sourceId: event.id,
        timestamp,
        repository,
        digest: target.digest,
        target: { ...(mediaType ? { mediaType } : {}), digest: target.digest, repository },
        request,
      },
    };
  }
  return ignore(`a ${event.action} event: ACR fires only on push and delete`);
};

/** An event that is neither stored nor delivered: its place in the envelope, its id when valid, and why. */
export type IgnoredEvent = { index: number; id: string | null; reason: string };

/**
 * A notification's events checked and mapped: the ACR events to store, and every other one
 * with the reason, whether it breaks the grammar (a repository name with a line break) or is
 * simply one ACR does not fire for (a pull).
 */
export const mapNotifications = (events: readonly RawEvent[], registryHost: string) => {
  const accepted: AcrEvent[] = [];
  const ignored: IgnoredEvent[] = [];
  for (const [index, raw] of events.entries()) {
    const parsed = parseDistributionEvent(raw);
    if (!parsed.ok) {
      ignored.push({ index, id: parsed.id, reason: parsed.reason });
      continue;
    }
    const mapped = toAcrEvent(parsed.event, registryHost);
    if (mapped.ok) accepted.push(mapped.event);
    else ignored.push({ index, id: parsed.event.id, reason: mapped.reason });
  }
  return { accepted, ignored };
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
