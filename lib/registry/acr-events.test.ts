import { describe, expect, it } from "vitest";
import { mapNotifications } from "./acr-events";
import type { RawEvent } from "./distribution";

const DIGEST = `sha256:${"c".repeat(64)}`;
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
let counter = 0;
const event = (action: string, target: Record<string, unknown>): RawEvent => ({
  id: `evt-${++counter}`,
  timestamp: "2026-11-22T04:01:02Z",
  action,
  target,
  request: { id: "r1", host: "127.0.0.1:5000", method: "PUT", useragent: "skopeo/1.9" },
});

describe("mapNotifications: what ACR fires for, and why the rest is ignored", () => {
  it.each([
    { rule: "manifest push with a tag", raw: event("push", { mediaType: MANIFEST, digest: DIGEST, repository: "app", tag: "v1", size: 9 }), accepted: "push" },
    { rule: "manifest delete by digest", raw: event("delete", { digest: DIGEST, repository: "app" }), accepted: "delete" },
    { rule: "blob push", raw: event("push", { mediaType: "application/octet-stream", digest: DIGEST, repository: "app" }), reason: "a push of a blob or other content than a manifest: ACR does not fire" },
    { rule: "push by digest only", raw: event("push", { mediaType: MANIFEST, digest: DIGEST, repository: "app" }), reason: "a push by digest only, without a tag: ACR does not fire" },
    { rule: "manifest push without a digest", raw: event("push", { mediaType: MANIFEST, repository: "app", tag: "v1" }), reason: "target.digest: a manifest push without a digest" },
    { rule: "tag deleted on its own", raw: event("delete", { repository: "app", tag: "v1" }), reason: "a tag deleted on its own: ACR does not fire" },
    { rule: "delete without a digest", raw: event("delete", { repository: "app" }), reason: "target.digest: a delete without a digest" },
    { rule: "pull", raw: event("pull", { mediaType: MANIFEST, digest: DIGEST, repository: "app", tag: "v1" }), reason: "a pull event: ACR fires only on push and delete" },
    { rule: "no repository", raw: event("push", { mediaType: MANIFEST, digest: DIGEST, tag: "v1" }), reason: "target.repository: the event names no repository" },
    { rule: "repository with NUL", raw: event("push", { mediaType: MANIFEST, digest: DIGEST, repository: "app\u0000", tag: "v1" }), reason: /^target\.repository: expected a repository name/ },
    { rule: "tag with CR/LF", raw: event("push", { mediaType: MANIFEST, digest: DIGEST, repository: "app", tag: "v1\r\nX: y" }), reason: /^target\.tag: / },
    { rule: "digest with a lone surrogate", raw: event("delete", { digest: `${DIGEST}\ud800`, repository: "app" }), reason: /^target\.digest: / },
    { rule: "500 KB repository", raw: event("delete", { digest: DIGEST, repository: "a".repeat(500 * 1024) }), reason: /^target\.repository: / },
  ])("$rule", ({ raw, accepted, reason }) => {
    const mapped = mapNotifications([raw], "registry.example.com");
    if (accepted) {
      expect(mapped.ignored).toEqual([]);
      expect(mapped.accepted).toMatchObject([{ action: accepted, sourceId: raw.id, request: { host: "registry.example.com" } }]);
    } else {
      expect(mapped.accepted).toEqual([]);
      expect(mapped.ignored).toHaveLength(1);
      expect(mapped.ignored[0]).toMatchObject({ index: 0, id: raw.id });
      expect(mapped.ignored[0].reason).toMatch(reason!);
    }
  });

  it("keeps the good events of a batch and says where each ignored one was", () => {
    const good = event("push", { mediaType: MANIFEST, digest: DIGEST, repository: "app", tag: "v1" });
    const mapped = mapNotifications([{ a: { b: [] } }, good, { ...good, id: "bad id\r\n" }], "");
    expect(mapped.accepted.map((acr) => acr.sourceId)).toEqual([good.id]);
    expect(mapped.ignored).toEqual([
      { index: 0, id: null, reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
      { index: 2, id: null, reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    ]);
  });

  it("builds the ACR push payload from the checked fields only", () => {
    const raw = event("push", { mediaType: MANIFEST, digest: DIGEST, repository: "team/app", tag: "v1", length: 7, extra: { deep: [1] } });
    const [push] = mapNotifications([raw], "").accepted;
    expect(push).toMatchObject({
      timestamp: "2026-11-22T04:01:02Z",
      target: { mediaType: MANIFEST, size: 7, digest: DIGEST, length: 7, repository: "team/app", tag: "v1" },
      request: { id: "r1", host: "127.0.0.1:5000", method: "PUT", useragent: "skopeo/1.9" },
    });
    expect(push.target).not.toHaveProperty("extra");
  });
});
