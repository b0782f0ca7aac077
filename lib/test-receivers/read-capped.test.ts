import { describe, expect, it } from "vitest";
import { MAX_RECEIVED_BODY_BYTES } from "./limits";
import { readCappedBody } from "./read-capped";
import { recordedHeaders, REDACTED_COOKIE } from "./recorded-headers";

const post = (body: BodyInit | null, headers: HeadersInit = {}) => new Request("http://portal.test/api/receivers/x", { method: "POST", body, headers });

/** A body that arrives in chunks, and says whether the reader asked past the cap. */
const chunked = (chunks: number, size: number) => {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
};

describe("readCappedBody", () => {
  it("keeps a body of exactly the cap whole", async () => {
    const body = "a".repeat(MAX_RECEIVED_BODY_BYTES);
    expect(await readCappedBody(post(body))).toEqual({ body, isTruncated: false });
  });

  it("cuts a body one byte over the cap and says so", async () => {
    const result = await readCappedBody(post("a".repeat(MAX_RECEIVED_BODY_BYTES + 1)));
    expect(result).toEqual({ body: "a".repeat(MAX_RECEIVED_BODY_BYTES), isTruncated: true });
  });

  it("stops reading once past the cap: the rest of a large body is never pulled", async () => {
    const { stream, pulled } = chunked(1000, 16 * 1024);
    const result = await readCappedBody(new Request("http://portal.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit));
    expect(result.isTruncated).toBe(true);
    expect(result.body).toHaveLength(MAX_RECEIVED_BODY_BYTES);
    expect(pulled()).toBeLessThan(10);
  });

  it("reads no body as empty, and NUL as U+FFFD (PostgreSQL text cannot hold NUL)", async () => {
    expect(await readCappedBody(post(null))).toEqual({ body: "", isTruncated: false });
    expect(await readCappedBody(post(new Uint8Array([0x61, 0x00, 0x62])))).toEqual({ body: "a\uFFFDb", isTruncated: false });
  });
});

describe("recordedHeaders", () => {
  it("keeps every header but Cookie's value", () => {
    const headers = new Headers({ Cookie: "better-auth.session_token=secret", "X-Team": "qa", Authorization: "Bearer shown" });
    expect(recordedHeaders(headers)).toEqual([
      ["authorization", "Bearer shown"],
      ["cookie", REDACTED_COOKIE],
      ["x-team", "qa"],
    ]);
  });
});
