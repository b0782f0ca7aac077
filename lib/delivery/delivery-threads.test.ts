import http from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// The delivery threads for real: the bundle `npm run build` makes (built here into a temporary
// directory), started as worker threads on a migrated SQLite file, claiming, sending to a
// receiver on 127.0.0.1 and recording. What happens when a thread dies holding leases (each
// delivery it held ends as a recorded failed attempt, retried later), and that stopping drains.

const database = temporaryDatabase("delivery-threads");
// The threads read their settings from the environment when they start.
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
process.env.WEBHOOK_RETRY_SCHEDULE = "1h";
process.env.SECRET_KEY ||= "delivery threads unit test secret key";

// Inside node_modules, so the bundle finds its packages (zod, undici, better-sqlite3) as it does in .next.
const cache = path.resolve("node_modules/.cache");
mkdirSync(cache, { recursive: true });
const directory = mkdtempSync(path.join(cache, "rw-delivery-threads-"));
const bundle = path.join(directory, "delivery-thread.cjs");

/** What the receiver got, and how long it waits before answering. */
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let answerAfterMs = 0;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
    setTimeout(() => res.writeHead(202).end("thanks"), answerAfterMs);
  });
});

type Db = Awaited<ReturnType<typeof database.open>>;
let db: Db;
let webhookId: string;
let threads: typeof import("./delivery-threads");

beforeAll(async () => {
  db = await database.open();
  const { bundleDeliveryThread } = (await import("../../scripts/build-delivery-thread.mjs")) as { bundleDeliveryThread: (outfile: string) => Promise<unknown> };
  await bundleDeliveryThread(bundle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const registry = await db.registry.create({ data: { name: "threads" } });
  const webhook = await db.webhook.create({
    data: {
      registryId: registry.id,
      name: "threadhook",
      serviceUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      customHeaders: JSON.stringify([["X-Team", "qa"]]),
      actions: "push",
    },
  });
  webhookId = webhook.id;
  threads = await import("./delivery-threads");
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database.close();
  rmSync(directory, { recursive: true, force: true });
});

const queue = async (ids: string[]) => {
  for (const id of ids) {
    await db.delivery.create({
      data: { id, webhookId, action: "push", image: "app:v1", payload: JSON.stringify({ id, action: "push" }), state: "pending", nextAttemptAt: Date.now() - 1 },
    });
  }
};

const deliveriesOf = (ids: string[]) =>
  db.delivery.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, include: { attempts: true } });

describe("delivery threads", () => {
  it("claim, send (signed headers as the admin set them) and record each delivery once, from two threads", async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `batch-${String(index).padStart(2, "0")}`);
    await queue(ids);
    const running = threads.startDeliveryThreads(bundle, 2);
    try {
      expect(running.runningCount()).toBe(2);
      await expect.poll(async () => (await deliveriesOf(ids)).filter((row) => row.state === "delivered").length, { timeout: 20_000 }).toBe(40);
    } finally {
      await running.stop();
    }
    const rows = await deliveriesOf(ids);
    for (const row of rows) {
      expect(row.attempts).toHaveLength(1);
      expect(row.attempts[0]).toMatchObject({ number: 1, responseStatus: 202, responseBody: "thanks" });
      expect(row.lastStatus).toBe("202 Accepted");
      expect(row.leaseOwner).toBe("");
    }
    const bodies = received.map((request) => JSON.parse(request.body).id as string).filter((id) => id.startsWith("batch-"));
    expect(bodies.sort()).toEqual(ids);
    expect(received.every((request) => request.headers["x-team"] === "qa")).toBe(true);
  }, 40_000);

  it("a thread that dies has what it held recorded as failed attempts to retry, and is started again", async () => {
    const { deliveryStore } = await import("../db/delivery-store");
    const { INSTANCE_ID } = await import("../lifecycle/instance-id");
    await queue(["held-1", "held-2"]);
    // What the first thread would have claimed before crashing: leased to its owner name.
    const held = await deliveryStore.claimDue(`${INSTANCE_ID}#1`, Date.now() + 60_000, 10, 1024, new Map());
    expect(held.map((row) => row.id).sort()).toEqual(["held-1", "held-2"]);
    // A "delivery thread" that dies at once the first time, as a crash in the thread would,
    // and then waits quietly until asked to stop.
    const dying = path.join(directory, "dying.cjs");
    const died = path.join(directory, "died-once");
    writeFileSync(
      dying,
      `const fs = require("node:fs"); const { parentPort } = require("node:worker_threads");
       if (!fs.existsSync(${JSON.stringify(died)})) { fs.writeFileSync(${JSON.stringify(died)}, ""); process.exit(3); }
       parentPort.on("message", (message) => message.type === "stop" && parentPort.postMessage({ type: "stopped" }));`,
    );
    const running = threads.startDeliveryThreads(dying, 1);
    try {
      await expect.poll(async () => (await deliveriesOf(["held-1", "held-2"])).map((row) => row.attempts.length), { timeout: 10_000 }).toEqual([1, 1]);
      for (const row of await deliveriesOf(["held-1", "held-2"])) {
        expect(row.state).toBe("pending");
        expect(row.lastStatus).toBe("Internal error, not sent: the delivery thread exited (code 3)");
        expect(row.attemptCount).toBe(1);
        expect(row.nextAttemptAt).toBeGreaterThan(Date.now() + 30 * 60_000);
        expect(row.leaseOwner).toBe("");
      }
      // Started again after its first pause (1 s).
      await expect.poll(() => running.runningCount(), { timeout: 5_000 }).toBe(1);
    } finally {
      await running.stop();
    }
  }, 30_000);

  it("stopping lets the requests in flight finish and records them, leaving no lease behind", async () => {
    answerAfterMs = 500;
    const ids = ["slow-1", "slow-2", "slow-3"];
    await queue(ids);
    const before = received.length;
    const running = threads.startDeliveryThreads(bundle, 1);
    await expect.poll(() => received.length - before, { timeout: 10_000 }).toBe(3);
    await running.stop();
    answerAfterMs = 0;
    for (const row of await deliveriesOf(ids)) {
      expect(row.state).toBe("delivered");
      expect(row.attempts).toHaveLength(1);
      expect(row.leaseOwner).toBe("");
    }
  }, 30_000);
});

describe("sharing a process's limits between its delivery threads", () => {
  it("splits DELIVERY_CONCURRENCY and WEBHOOK_MAX_IN_FLIGHT evenly, the remainder to the first, at least 1 each", () => {
    const shares = (total: number, count: number) => Array.from({ length: count }, (_, index) => threads.shareOf(total, count, index));
    expect(shares(64, 1)).toEqual([64]);
    expect(shares(16, 2)).toEqual([8, 8]);
    expect(shares(16, 3)).toEqual([6, 5, 5]);
    expect(shares(1, 2)).toEqual([1, 1]);
  });
});
