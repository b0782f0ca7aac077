import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "../security/token-hash";
import { temporaryDatabase } from "../testing/temporary-database";

// The checks both doors of Distribution's endpoint share (the Next.js route and the portal's
// listener): here, what a body that never arrives whole leads to.

const database = temporaryDatabase("envelope-request");
const TOKEN = "envelope-request-token-0123456789";
let envelopeRequest: typeof import("./envelope-request");

beforeAll(async () => {
  const db = await database.open();
  await db.registry.create({ data: { name: "cut", tokenHash: hashToken(TOKEN) } });
  envelopeRequest = await import("./envelope-request");
}, 60_000);
afterAll(() => database.close());

const request = (readBody: (limit: number) => Promise<string | null>) => ({
  registryName: "cut",
  authorization: `Bearer ${TOKEN}`,
  contentType: "application/json",
  readBody,
});

describe("answerEnvelope", () => {
  it("a sender whose connection resets mid-body is SenderGone, not 'database unavailable' (no 503, nothing stored)", async () => {
    const warned = vi.spyOn(console, "warn");
    const store = vi.fn();
    const reset = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const answered = envelopeRequest.answerEnvelope(request(() => Promise.reject(reset)), store);
    await expect(answered).rejects.toBeInstanceOf(envelopeRequest.SenderGone);
    await expect(answered).rejects.toThrow("the body ended early (aborted)");
    expect(store).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
  });

  it("the database out of reach while storing still answers 503 with Retry-After", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const unreachable = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const answer = await envelopeRequest.answerEnvelope(
      request(async () => '{"events":[]}'),
      () => Promise.reject(unreachable),
    );
    expect(answer).toMatchObject({ status: 503, body: { error: { code: "DatabaseUnavailable" } }, headers: { "Retry-After": "5" } });
  });
});
