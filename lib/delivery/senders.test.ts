import http from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claimed } from "../db/delivery-store-types";
import type { Target } from "./deliver-one";
import type { Plaintext } from "../webhooks/stored-secrets";

// The sender threads for real: the bundle `npm run build` makes (built here into a temporary
// directory), started as worker threads, sending to a receiver on 127.0.0.1. And what happens
// when a thread dies with deliveries in flight: each ends as a recorded failed attempt, and the
// thread is started again.

// The threads read their settings from the environment when they start.
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
process.env.WEBHOOK_RETRY_SCHEDULE = "10s";

// Inside node_modules, so the bundle finds its packages (zod, undici) as it does in .next.
const cache = path.resolve("node_modules/.cache");
mkdirSync(cache, { recursive: true });
const directory = mkdtempSync(path.join(cache, "rw-senders-"));
const bundle = path.join(directory, "sender-thread.cjs");
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
    res.writeHead(202).end("thanks");
  });
});
let target: Target;

beforeAll(async () => {
  const { bundleSender } = (await import("../../scripts/build-sender.mjs")) as { bundleSender: (outfile: string) => Promise<unknown> };
  await bundleSender(bundle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` as Plaintext;
  target = { isEnabled: true, isReadable: true, serviceUri: uri, headers: [["X-Team", "qa"]], secrets: ["whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=" as Plaintext] };
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

const claimed = (id: string): Claimed => ({ seq: 1, id, webhookId: "w1", payload: JSON.stringify({ id, action: "push" }), attemptCount: 0 });

describe("sender threads", () => {
  it("send a claimed delivery, signed and with the admin's headers, and answer with the attempt to record", async () => {
    const { startSenderThreads } = await import("./senders");
    const senders = startSenderThreads(bundle, 2);
    try {
      const outcomes = await Promise.all(["d1", "d2", "d3"].map((id) => senders.dispatch(claimed(id), target)));
      expect(outcomes.map((outcome) => outcome.state)).toEqual(["delivered", "delivered", "delivered"]);
      expect(outcomes[0].attempt).toMatchObject({ deliveryId: "d1", number: 1, responseStatus: 202, responseBody: "thanks" });
      expect(outcomes[0].lastStatus).toBe("202 Accepted");
      const got = received.find((request) => request.body.includes('"d1"'))!;
      expect(got.headers["x-team"]).toBe("qa");
      expect(got.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(senders.runningCount()).toBe(2);
    } finally {
      await senders.stop();
    }
  });

  it("a thread that dies fails its deliveries in flight as attempts to retry, and is started again", async () => {
    // A "sender" that dies on its first job, as a crash in the thread would.
    const dying = path.join(directory, "dying.cjs");
    writeFileSync(dying, `require("node:worker_threads").parentPort.on("message", () => process.exit(3));`);
    const { startSenderThreads } = await import("./senders");
    const senders = startSenderThreads(dying, 1);
    try {
      const outcome = await senders.dispatch(claimed("lost"), target);
      expect(outcome.state).toBe("pending");
      expect(outcome.lastStatus).toBe("Internal error, not sent: the sender thread exited (code 3)");
      expect(outcome.attempt).toMatchObject({ deliveryId: "lost", number: 1, responseStatus: null, requestUri: target.isReadable ? target.serviceUri : "" });
      expect(outcome.nextAttemptAt).toBeGreaterThan(Date.now());
      expect(senders.runningCount()).toBe(0);
      // Started again after its first pause (1 s).
      await expect.poll(() => senders.runningCount(), { timeout: 5_000 }).toBe(1);
    } finally {
      await senders.stop();
    }
  });
});
