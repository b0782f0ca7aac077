import { randomBytes, randomUUID } from "node:crypto";

// Distribution notification envelopes as the registry sends them (see e2e/registry-events
// for the real thing), for tests that POST to the notifications endpoint directly.

export const ENVELOPE_TYPE = "application/vnd.docker.distribution.events.v1+json";

export const randomDigest = () => `sha256:${randomBytes(32).toString("hex")}`;

const request = (method: string) => ({ id: randomUUID(), addr: "127.0.0.1:1", host: "127.0.0.1:5000", method, useragent: "e2e" });

export const manifestPush = (repository: string, tag: string, digest = randomDigest()) => ({
  id: randomUUID(),
  timestamp: new Date().toISOString(),
  action: "push",
  target: { mediaType: "application/vnd.oci.image.manifest.v1+json", size: 401, digest, length: 401, repository, tag },
  request: request("PUT"),
});

export const blobPush = (repository: string) => ({
  id: randomUUID(),
  timestamp: new Date().toISOString(),
  action: "push",
  target: { mediaType: "application/octet-stream", size: 153, digest: randomDigest(), length: 153, repository },
  request: request("PUT"),
});

export const manifestDelete = (repository: string, digest: string) => ({
  id: randomUUID(),
  timestamp: new Date().toISOString(),
  action: "delete",
  target: { digest, repository },
  request: request("DELETE"),
});

export const tagDelete = (repository: string, tag: string) => ({
  id: randomUUID(),
  timestamp: new Date().toISOString(),
  action: "delete",
  target: { repository, tag },
  request: request("DELETE"),
});

export const pull = (repository: string, tag: string) => ({ ...manifestPush(repository, tag), action: "pull" });
