import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestPush } from "../../e2e/support/distribution-events";
import { hashToken } from "../security/token-hash";
import { temporaryDatabase } from "../testing/temporary-database";

// The ingest thread for real: the bundle `npm run build` makes (built here into a temporary
// directory), started as a worker thread on a migrated SQLite file. It stores what it is handed
// as the main thread would, raises the delivery threads' shared wake-up, fails what it held when
// it dies (so the route answers 503 and the registry sends again) and is started again, and
// stopping stores what it has in hand first.

const database = temporaryDatabase("ingest-threads");

// Inside node_modules, so the bundle finds its packages (zod, better-sqlite3) as it does in .next.
const cache = path.resolve("node_modules/.cache");
mkdirSync(cache, { recursive: true });
const directory = mkdtempSync(path.join(cache, "rw-ingest-threads-"));
const bundle = path.join(directory, "ingest-thread.cjs");

type Db = Awaited<ReturnType<typeof database.open>>;
let db: Db;
let threads: typeof import("./ingest-threads");
let registry: { id: string; name: string; host: string };

beforeAll(async () => {
  db = await database.open();
  const { bundleIngestThread } = (await import("../../scripts/build-delivery-thread.mjs")) as { bundleIngestThread: (outfile: string) => Promise<unknown> };
  await bundleIngestThread(bundle);
  registry = await db.registry.create({ data: { name: "threads" } });
  for (const name of ["one", "two"]) {
    await db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "http://127.0.0.1:9/x", actions: "push" } });
  }
  threads = await import("./ingest-threads");
}, 60_000);

afterAll(async () => {
  await database.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A notification request's body, as Distribution sends it. */
const envelopeOf = (events: unknown[]) => JSON.stringify({ events });

const wakeCount = async () => {
  const { crossThreadWakeMemory } = await import("../db/queue-wake");
  return Atomics.load(new Int32Array(crossThreadWakeMemory()), 0);
};

describe("the ingest thread", () => {
  it("stores an envelope as the main thread would (fan-out, payloads, once), and wakes the delivery threads through shared memory", async () => {
    expect(threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "none")]))).toBeNull();
    const running = threads.startIngestThreadFrom(bundle);
    try {
      const wakesBefore = await wakeCount();
      const events = [manifestPush("app", "v1"), manifestPush("app", "v2"), manifestPush("app", "v3")];
      const outcome = await threads.ingestOnThread(registry, envelopeOf(events));
      expect(outcome).toEqual({ ok: true, summary: { received: 3, ignored: 0, duplicates: 0, accepted: 3, deliveries: 6, ignoredReasons: [] } });
      expect(await wakeCount()).toBeGreaterThan(wakesBefore);

      const deliveries = await db.delivery.findMany({ where: { webhook: { registryId: registry.id } }, include: { webhook: true } });
      expect(deliveries).toHaveLength(6);
      expect(deliveries.map((row) => `${row.webhook.name} ${row.image}`).sort()).toEqual(["one app:v1", "one app:v2", "one app:v3", "two app:v1", "two app:v2", "two app:v3"]);
      for (const row of deliveries) expect(JSON.parse(row.payload)).toMatchObject({ id: row.id, action: "push", target: { repository: "app" } });

      // The registry sends the batch again (it got no answer): stored once.
      expect(await threads.ingestOnThread(registry, envelopeOf(events))).toMatchObject({ ok: true, summary: { duplicates: 3, accepted: 0, deliveries: 0 } });
      expect(await db.delivery.count({ where: { webhook: { registryId: registry.id } } })).toBe(6);

      // Not an envelope: refused with the reason the route answers 400 with, nothing stored.
      expect(await threads.ingestOnThread(registry, "{not json")).toEqual({ ok: false, code: "InvalidJson", message: "The body is not valid JSON." });
      expect(await threads.ingestOnThread(registry, JSON.stringify({ events: "not a list" }))).toMatchObject({
        ok: false,
        code: "InvalidEnvelope",
      });
      expect(await db.delivery.count({ where: { webhook: { registryId: registry.id } } })).toBe(6);
    } finally {
      await running.stop();
    }
    // Stopped: the route stores on its own thread again.
    expect(threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "none")]))).toBeNull();
  }, 30_000);

  it("stopping stores the envelopes in hand before the thread ends", async () => {
    const running = threads.startIngestThreadFrom(bundle);
    const events = Array.from({ length: 200 }, (_, index) => manifestPush("stopping", `v${index}`));
    const storing = threads.ingestOnThread(registry, envelopeOf(events));
    await running.stop();
    expect(await storing).toMatchObject({ ok: true, summary: { accepted: 200, deliveries: 400 } });
    expect(running.isRunning()).toBe(false);
  }, 30_000);

  it("a thread that dies fails the envelopes it held (nothing acknowledged) and is started again", async () => {
    // An "ingest thread" that dies on its first envelope, as a crash in the thread would, and
    // once started again answers every envelope with an empty summary.
    const dying = path.join(directory, "dying.cjs");
    const died = path.join(directory, "died-once");
    writeFileSync(
      dying,
      `const fs = require("node:fs"); const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (message) => {
         if (message.type === "stop") return parentPort.postMessage({ type: "stopped" });
         if (!fs.existsSync(${JSON.stringify(died)})) { fs.writeFileSync(${JSON.stringify(died)}, ""); process.exit(3); }
         parentPort.postMessage({ type: "ingested", id: message.id, outcome: { ok: true, summary: { received: 1, ignored: 0, duplicates: 0, accepted: 1, deliveries: 0, ignoredReasons: [] } } });
       });`,
    );
    const running = threads.startIngestThreadFrom(dying);
    try {
      const first = threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "lost")]));
      await expect(first).rejects.toBeInstanceOf(threads.IngestThreadEnded);
      await expect(first).rejects.toThrow("the ingest thread exited (code 3) before the envelope was stored");
      // While it waits to be started again (1 s), the route stores envelopes itself.
      expect(running.isRunning()).toBe(false);
      expect(threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "meanwhile")]))).toBeNull();
      await expect.poll(() => running.isRunning(), { timeout: 5_000 }).toBe(true);
      expect(await threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "again")]))).toMatchObject({ ok: true, summary: { accepted: 1 } });
    } finally {
      await running.stop();
    }
  }, 30_000);

  it("an envelope the thread does not answer in time fails with the reason (503 for the registry) instead of waiting forever", async () => {
    // A stuck "ingest thread": it takes envelopes and never answers.
    const stuck = path.join(directory, "stuck.cjs");
    writeFileSync(
      stuck,
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (message) => message.type === "stop" && parentPort.postMessage({ type: "stopped" }));`,
    );
    const running = threads.startIngestThreadFrom(stuck, { answerWithinMs: 200 });
    try {
      const waited = threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "stuck")]));
      await expect(waited).rejects.toBeInstanceOf(threads.IngestThreadEnded);
      await expect(waited).rejects.toThrow("the ingest thread did not answer within 0.2 s");
    } finally {
      await running.stop();
    }
  }, 30_000);

  it("a failure in the thread reaches the route with its message and code (what tells 'database unavailable' from a bug)", async () => {
    const failing = path.join(directory, "failing.cjs");
    writeFileSync(
      failing,
      `const { parentPort } = require("node:worker_threads");
       parentPort.on("message", (message) => message.type === "stop"
         ? parentPort.postMessage({ type: "stopped" })
         : parentPort.postMessage({ type: "failed", id: message.id, message: "database is locked", code: "SQLITE_BUSY" }));`,
    );
    const running = threads.startIngestThreadFrom(failing);
    try {
      const error = await threads.ingestOnThread(registry, envelopeOf([manifestPush("app", "busy")]))!.catch((caught: unknown) => caught);
      expect(error).toMatchObject({ message: "database is locked", code: "SQLITE_BUSY" });
      const { isDatabaseUnavailable } = await import("../db-errors");
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await running.stop();
    }
  }, 30_000);

  it("owning the portal's port, it answers notifications itself and passes every other request to Next.js", async () => {
    const token = "listener-token-0123456789";
    await db.registry.create({ data: { name: "listened", tokenHash: hashToken(token) } });
    // Next.js behind it: an upstream that answers with what it was asked.
    const upstream = http.createServer((request, response) => response.end(`next.js got ${request.method} ${request.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const free = http.createServer();
    await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
    const { port } = free.address() as AddressInfo;
    await new Promise((resolve) => free.close(resolve));

    let listened: () => void = () => {};
    const listening = new Promise<void>((resolve) => (listened = resolve));
    const running = threads.startIngestThreadFrom(bundle, {
      listen: { host: "127.0.0.1", port, upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port } },
      listenEvents: { onListening: listened, onListenFailed: (message) => expect.fail(message) },
    });
    const base = `http://127.0.0.1:${port}`;
    const notify = (name: string, init: RequestInit) => fetch(`${base}/api/registries/${name}/notifications`, { method: "POST", ...init });
    const envelope = { "Content-Type": "application/vnd.docker.distribution.events.v1+json" };
    try {
      await listening;
      const { processMetrics } = await import("../metrics/metrics");

      const stored = await notify("listened", { headers: { ...envelope, Authorization: `Bearer ${token}` }, body: envelopeOf([manifestPush("app", "v1")]) });
      expect(stored.status).toBe(200);
      expect(stored.headers.get("x-content-type-options")).toBe("nosniff");
      expect(stored.headers.get("cache-control")).toBe("no-store");
      expect(await stored.json()).toMatchObject({ received: 1, accepted: 1 });
      expect(await db.registryEvent.count({ where: { registry: { name: "listened" } } })).toBe(1);
      // The main thread counts what the thread stored, for /api/metrics.
      await expect.poll(async () => (await processMetrics().render()).includes('ingest_events_total{registry="listened",result="accepted"} 1')).toBe(true);

      // The route's refusals, in its order; nothing stored.
      const refusals = await Promise.all([
        notify("nosuch", { headers: { ...envelope, Authorization: `Bearer ${token}` }, body: "{}" }),
        notify("listened", { headers: { ...envelope, Authorization: "Bearer wrong" }, body: "{}" }),
        notify("listened", { headers: { "Content-Type": "text/plain", Authorization: `Bearer ${token}` }, body: "{}" }),
        notify("listened", { headers: { ...envelope, Authorization: `Bearer ${token}` }, body: "x".repeat(1024 * 1024 + 1) }),
        notify("listened", { headers: { ...envelope, Authorization: `Bearer ${token}` }, body: "{not json" }),
      ]);
      const answers = await Promise.all(refusals.map(async (answer) => [answer.status, ((await answer.json()) as { error: { code: string } }).error.code]));
      expect(answers).toEqual([
        [404, "RegistryNotFound"],
        [401, "Unauthorized"],
        [415, "UnsupportedMediaType"],
        [413, "PayloadTooLarge"],
        [400, "InvalidJson"],
      ]);
      expect(await db.registryEvent.count({ where: { registry: { name: "listened" } } })).toBe(1);

      // Everything else goes to Next.js as it came: pages, other methods, a malformed escape.
      for (const [method, url] of [
        ["GET", "/registries"],
        ["GET", "/api/registries/listened/notifications"],
        ["POST", "/api/registries/%E0/notifications"],
        ["POST", "/api/registries/listened/notifications/"],
      ]) {
        const passed = await fetch(`${base}${url}`, { method, redirect: "manual" });
        expect(await passed.text()).toBe(`next.js got ${method} ${url}`);
      }

      // Shutting down: it answers what it has in hand and keeps the port (the readiness check answers until the exit).
      const inHand = notify("listened", { headers: { ...envelope, Authorization: `Bearer ${token}` }, body: envelopeOf([manifestPush("app", "v2")]) });
      await running.drain();
      expect((await inHand).status).toBe(200);
      expect(await (await fetch(`${base}/api/ready`)).text()).toBe("next.js got GET /api/ready");
    } finally {
      await running.stop();
      upstream.close();
    }
  }, 30_000);
});
