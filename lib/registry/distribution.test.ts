import { describe, expect, it } from "vitest";
import { MAX_ENVELOPE_DEPTH, parseDistributionEvent, parseEnvelope, type RawEvent } from "./distribution";

const deep = (levels: number, open: string, close: string, inner = "1") => `${open.repeat(levels)}${inner}${close.repeat(levels)}`;
const DIGEST = `sha256:${"a".repeat(64)}`;
const push = (): RawEvent => ({
  id: "5f5c8a1e-2b9e-4a4e-9d50-1c0ffee00001",
  timestamp: "2026-11-22T04:01:02.123456789Z",
  action: "push",
  target: { mediaType: "application/vnd.oci.image.manifest.v1+json", size: 401, digest: DIGEST, length: 401, repository: "team/app", tag: "v1" },
  request: { id: "r1", addr: "127.0.0.1:1", host: "127.0.0.1:5000", method: "PUT", useragent: "skopeo/1.9" },
});

describe("parseEnvelope: a body that is not {events: [objects]} is refused whole", () => {
  it.each([
    { rule: "not JSON", body: "{events:", code: "InvalidJson", message: "The body is not valid JSON." },
    { rule: "an array", body: "[]", code: "InvalidEnvelope", message: 'Not a Distribution notification envelope: expected {"events": [...]}.' },
    { rule: "a string", body: '"events"', code: "InvalidEnvelope", message: 'Not a Distribution notification envelope: expected {"events": [...]}.' },
    { rule: "null", body: "null", code: "InvalidEnvelope", message: 'Not a Distribution notification envelope: expected {"events": [...]}.' },
    { rule: "no events", body: '{"event":[]}', code: "InvalidEnvelope", message: 'Not a Distribution notification envelope at events: expected {"events": [...]}.' },
    { rule: "events an object", body: '{"events":{"a":1}}', code: "InvalidEnvelope", message: 'Not a Distribution notification envelope at events: expected {"events": [...]}.' },
    { rule: "an event that is not an object", body: '{"events":[{"id":"a"},[1]]}', code: "InvalidEnvelope", message: "Not a Distribution notification envelope at events.1: each event must be a JSON object." },
    { rule: "an event that is null", body: '{"events":[null]}', code: "InvalidEnvelope", message: "Not a Distribution notification envelope at events.0: each event must be a JSON object." },
  ])("$rule -> $code", ({ body, code, message }) => {
    expect(parseEnvelope(body)).toEqual({ ok: false, code, message });
  });

  const tooDeep = `Not a Distribution notification envelope: nested more than ${MAX_ENVELOPE_DEPTH} levels deep.`;
  it.each([
    { rule: "arrays", body: deep(100_000, "[", "]") },
    { rule: "objects", body: deep(100_000, '{"a":', "}") },
    { rule: "events of arrays", body: `{"events":${deep(100_000, "[", "]")}}` },
    { rule: "beside the events (answered 200 before)", body: `{"events":[],"a":${deep(100_000, "[", "]")}}` },
    { rule: "inside an event (answered 200 before)", body: `{"events":[{"id":"x","action":"push","a":${deep(100_000, "[", "]")}}]}` },
    { rule: "inside a target (answered 200 before)", body: `{"events":[{"id":"x","action":"push","target":{"repository":"r","a":${deep(100_000, '{"a":', "}")}}}]}` },
    { rule: "just past the limit", body: `{"events":[${deep(MAX_ENVELOPE_DEPTH - 1, "[", "]")}]}` },
  ])("deeply nested: $rule -> InvalidEnvelope, quickly", ({ body }) => {
    const started = performance.now();
    expect(parseEnvelope(body)).toEqual({ ok: false, code: "InvalidEnvelope", message: tooDeep });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([
    { rule: "no events", body: '{"events":[]}', count: 0 },
    { rule: "a real push", body: JSON.stringify({ events: [push()] }), count: 1 },
    { rule: "unknown fields (newer registries add some)", body: JSON.stringify({ events: [{ ...push(), actor: { name: "me" } }], version: 2 }), count: 1 },
    { rule: "events that are each invalid: still an envelope", body: '{"events":[{},{"id":5},{"a":{"b":{"c":[]}}}]}', count: 3 },
    { rule: "nested up to the limit", body: `{"events":[${deep(MAX_ENVELOPE_DEPTH - 2, '{"a":', "}")}]}`, count: 1 },
  ])("$rule -> ok", ({ body, count }) => {
    const parsed = parseEnvelope(body);
    expect(parsed.ok && parsed.events.length).toBe(count);
  });
});

describe("parseDistributionEvent: each field's rule, one event at a time", () => {
  const withField = (path: string, value: unknown): RawEvent => {
    const event = push();
    const [first, second] = path.split(".");
    if (second === undefined) event[first] = value;
    else (event[first] as Record<string, unknown>)[second] = value;
    return event;
  };

  it.each([
    { path: "id", value: "", reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    { path: "id", value: "a b", reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    { path: "id", value: "x".repeat(201), reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    { path: "id", value: "id\u0000", reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    { path: "id", value: 42, reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    { path: "id", value: undefined, reason: "id: expected 1 to 200 printable ASCII characters without spaces" },
    { path: "action", value: "PUSH\r\n", reason: "action: expected a lowercase word such as push" },
    { path: "timestamp", value: "yesterday", reason: "timestamp: expected an RFC 3339 date and time" },
    { path: "target", value: [], reason: "target: expected an object" },
    { path: "target.repository", value: "app\u0000", reason: "target.repository: expected a repository name in the OCI distribution grammar, at most 255 characters" },
    { path: "target.repository", value: "app\r\nX-Evil: 1", reason: /^target\.repository: expected a repository name/ },
    { path: "target.repository", value: "app\ud800", reason: /^target\.repository: expected a repository name/ },
    { path: "target.repository", value: "a".repeat(500 * 1024), reason: /^target\.repository: expected a repository name/ },
    { path: "target.repository", value: { a: 1 }, reason: "target.repository: expected a repository name" },
    { path: "target.tag", value: "v1\n", reason: "target.tag: expected a tag in the OCI distribution grammar, at most 128 characters" },
    { path: "target.tag", value: "t".repeat(129), reason: /^target\.tag: / },
    { path: "target.tag", value: "\udc00", reason: /^target\.tag: / },
    { path: "target.digest", value: "sha256:abc\u0000", reason: "target.digest: expected a digest of lowercase hex: sha256:<64>, sha384:<96>, sha512:<128> or blake3:<64> characters" },
    { path: "target.digest", value: "sha256:abc", reason: /^target\.digest: expected a digest of lowercase hex/ },
    { path: "target.digest", value: `sha256:${"A".repeat(64)}`, reason: /^target\.digest: / },
    { path: "target.digest", value: `md5:${"a".repeat(32)}`, reason: /^target\.digest: / },
    { path: "target.digest", value: `constructor:${"a".repeat(64)}`, reason: /^target\.digest: / },
    { path: "target.digest", value: `sha256:${"a".repeat(500)}`, reason: /^target\.digest: / },
    { path: "target.size", value: -1, reason: "target.size: expected a whole number of bytes" },
    { path: "target.length", value: 1.5, reason: "target.length: expected a whole number of bytes" },
    { path: "target.mediaType", value: "x".repeat(256), reason: "target.mediaType: expected a media type of at most 255 characters" },
    { path: "request", value: "PUT", reason: "request: expected an object" },
    { path: "request.useragent", value: 7, reason: "request.useragent: expected text" },
  ])("$path, case $#: ignored with the reason", ({ path, value, reason }) => {
    const parsed = parseDistributionEvent(withField(path, value));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it("names the event by its id when the id itself is fine", () => {
    expect(parseDistributionEvent(withField("target.tag", "-v1"))).toMatchObject({ ok: false, id: push().id });
    // A broken id is not echoed back: it may be huge or hold control characters.
    expect(parseDistributionEvent(withField("id", "x\r\n".repeat(1000)))).toMatchObject({ ok: false, id: null });
  });

  it.each([
    { path: "id", value: "01HZX3:evt/7+~" },
    { path: "timestamp", value: "2026-11-22T05:01:02+01:00" },
    { path: "timestamp", value: undefined },
    { path: "target.repository", value: "a".repeat(255) },
    { path: "target.tag", value: "_V1.2-rc_3" },
    { path: "target.digest", value: `sha512:${"b".repeat(128)}` },
    { path: "target.size", value: 0 },
    { path: "request", value: undefined },
  ])("$path = $value passes", ({ path, value }) => {
    expect(parseDistributionEvent(withField(path, value)).ok).toBe(true);
  });

  it("cuts overlong request details instead of losing the event", () => {
    const parsed = parseDistributionEvent(withField("request.useragent", "u".repeat(5000)));
    expect(parsed.ok && parsed.event.request?.useragent).toBe("u".repeat(1024));
  });
});
