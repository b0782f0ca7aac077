import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { areCheckpointsOffConnections } from "../db-raw";
import { crossThreadWakeMemory } from "../db/queue-wake";
import { INGEST_THREAD_SLOT, releaseWriteLockOf, writeLockMemory } from "../db/sqlite/write-lock";
import { env } from "../env";
import { SupervisedThread } from "../lifecycle/supervised-thread";
import { onShutdown, trackWork } from "../lifecycle/shutdown";
import { countIngest } from "../metrics/metrics";
import type { EnvelopeOutcome, IngestTarget } from "./ingest";
import type { FromIngestThread, IngestThreadData, PortalListen, ToIngestThread } from "./ingest-thread-messages";

// Who stores what a registry sends: in a built server, one ingest thread per process
// (lib/registry/ingest-thread.ts). The notifications route still reads the request and checks
// the token and media type on the main thread, then hands the body over and answers with what
// the thread reports once the events are stored and synced. Parsing and storing (fan-out,
// payload bodies, the group commit, the WAL sync) were most of an envelope's time on the main
// thread, which also renders every page: there, a page waited behind a burst's transactions and
// an envelope's transaction behind a page render.
//
// One thread, not one per core: the group commit gathers what arrives together into one
// transaction, and SQLite takes one writer at a time anyway. It shares the process's write lock
// with the delivery threads and raises their wake-ups itself (lib/db/queue-wake.ts). A thread
// that dies fails the envelopes it held (no 2xx: the registry sends them again, and the events
// it had stored are recognised by their ids) and is started again after a pause; meanwhile, and
// under `next dev` or in tests (no bundle), the route stores on its own thread as before.
//
// Under `npm run serve` (scripts/serve.mjs) the thread also owns the portal's port
// (lib/registry/notifications-listener.ts): it reads and answers the registries' notifications
// itself and passes every other request to Next.js on loopback, so an envelope does not even
// wait for the main thread to read it. A thread that dies takes the port with it until it is
// started again (1 s, doubling): requests meanwhile are refused at connect, which load balancers
// and Distribution both retry.

/** Where `npm run build` puts the thread's bundle (scripts/build-delivery-thread.mjs). */
export const ingestThreadBundlePath = () => path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "ingest-thread.cjs");

/** The ingest thread ended before it answered: nothing was acknowledged, the registry sends the envelope again. */
export class IngestThreadEnded extends Error {}

const MAX_RESTART_PAUSE_MS = 30_000;
/** On PostgreSQL the thread has a pool of its own; one envelope's transaction uses one connection. */
const THREAD_POOL_SIZE = 4;
/** How long stopping waits for the envelopes in hand (a few short transactions and a sync each). */
const STOP_WAIT_MS = 10_000;
/**
 * How long an envelope waits for the thread's answer: a 1 MiB envelope is stored within a few
 * seconds, so a thread that says nothing for this long is stuck. The registry then gets a 503
 * and sends the batch again (what the thread may still store is recognised by the events' ids),
 * and the wait ends instead of holding the request and its entry forever.
 */
export const INGEST_ANSWER_MS = 60_000;

/** Told how the port went: listening (again, after a restart), or refused. */
type ListenEvents = { onListening: () => void; onListenFailed: (message: string) => void };

type Waiting = { resolve: (outcome: EnvelopeOutcome) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** An error as the thread described it, with the code lib/db-errors.ts reads. */
const errorOf = ({ message, code }: { message: string; code: string | null }) => Object.assign(new Error(message), code ? { code } : {});

class IngestThread {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private readonly thread: SupervisedThread<ToIngestThread, FromIngestThread>;
  private onDrained: (() => void) | null = null;

  constructor(
    bundle: string,
    data: IngestThreadData,
    private readonly answerWithinMs: number,
    listenEvents: ListenEvents,
  ) {
    this.thread = new SupervisedThread({
      bundle,
      name: "ingest-thread",
      workerOptions: { workerData: data, env: { ...process.env, DATABASE_POOL_SIZE: String(Math.min(THREAD_POOL_SIZE, env.DATABASE_POOL_SIZE)) } },
      maxRestartPauseMs: MAX_RESTART_PAUSE_MS,
      stopWaitMs: () => STOP_WAIT_MS,
      onMessage: (message) => {
        if (message.type === "counted") return countIngest(message.registry, message.summary);
        if (message.type === "listening") return listenEvents.onListening();
        if (message.type === "listen-failed") return listenEvents.onListenFailed(`${message.message}${message.code ? ` (${message.code})` : ""}`);
        if (message.type === "drained") return this.onDrained?.();
        if (message.type === "stopped") return;
        const waiting = this.settle(message.id);
        if (message.type === "ingested") waiting?.resolve(message.outcome);
        else waiting?.reject(errorOf(message));
      },
      onExit: (threadId, code) => {
        releaseWriteLockOf(threadId, INGEST_THREAD_SLOT);
        const ended = new IngestThreadEnded(`the ingest thread exited (code ${code}) before the envelope was stored`);
        for (const id of [...this.waiting.keys()]) this.settle(id)?.reject(ended);
      },
    });
  }

  /** Hands the envelope's body to the thread; null when it is not running (restarting, stopping). */
  ingest(registry: IngestTarget, body: string): Promise<EnvelopeOutcome> | null {
    const id = this.nextId++;
    const message: ToIngestThread = { type: "ingest", id, registry, body };
    if (!this.thread.tell(message)) return null;
    return new Promise<EnvelopeOutcome>((resolve, reject) => {
      const timer = setTimeout(
        () => this.settle(id)?.reject(new IngestThreadEnded(`the ingest thread did not answer within ${this.answerWithinMs / 1000} s`)),
        this.answerWithinMs,
      );
      this.waiting.set(id, { resolve, reject, timer });
    });
  }

  /** Takes envelope `id`'s wait out of the map (undefined if it already ended) and stops its timer. */
  private settle(id: number) {
    const waiting = this.waiting.get(id);
    this.waiting.delete(id);
    if (waiting) clearTimeout(waiting.timer);
    return waiting;
  }

  /** Lets the thread store what it has in hand (bounded), then ends it; envelopes from now on are stored by the caller. */
  stop() {
    return this.thread.stop();
  }

  /**
   * Shutting down when the thread owns the portal's port: it is not ended but answers what it
   * has in hand (bounded) and keeps serving, so that the readiness check answers 503 "shutting
   * down" to the load balancer until the process exits.
   */
  async drain() {
    const drained = new Promise<void>((resolve) => (this.onDrained = resolve));
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref());
    if (this.thread.tell({ type: "drain" })) await Promise.race([drained, deadline]);
  }

  get isRunning() {
    return this.thread.isRunning;
  }
}

// The route and instrumentation.ts are bundled separately by Next.js: the thread lives on globalThis.
const globalForIngest = globalThis as unknown as { ingestThread?: IngestThread };

const ignoreListenEvents: ListenEvents = { onListening: () => {}, onListenFailed: () => {} };

/**
 * Starts the ingest thread from `bundle` (tests give their own); it stores what the route hands
 * it until stopped, and with `listen` owns the portal's port.
 */
export const startIngestThreadFrom = (
  bundle: string,
  { answerWithinMs = INGEST_ANSWER_MS, listen = null, listenEvents = ignoreListenEvents }: { answerWithinMs?: number; listen?: PortalListen | null; listenEvents?: ListenEvents } = {},
) => {
  const data = { writeLock: writeLockMemory(), wakeMemory: crossThreadWakeMemory(), checkpointsElsewhere: areCheckpointsOffConnections(), listen };
  const thread = new IngestThread(bundle, data, answerWithinMs, listenEvents);
  globalForIngest.ingestThread = thread;
  return {
    stop: async () => {
      await thread.stop();
      if (globalForIngest.ingestThread === thread) delete globalForIngest.ingestThread;
    },
    drain: () => thread.drain(),
    isRunning: () => thread.isRunning,
  };
};

/** The port scripts/serve.mjs asks the thread to own (PORTAL_LISTEN, JSON), or null. */
const portalListenFromEnv = (): PortalListen | null => (process.env.PORTAL_LISTEN ? (JSON.parse(process.env.PORTAL_LISTEN) as PortalListen) : null);

/** How scripts/serve.mjs learns that the thread took the port: a promise on globalThis (undefined: serve it yourself). */
const globalForServe = globalThis as unknown as { portalListening?: Promise<void> };

/**
 * Starts this process's ingest thread once, where there is a build's bundle (called from
 * instrumentation.ts after the delivery worker, whose checkpoint thread it learns of); it stops
 * on shutdown once the envelopes in hand are stored. Under `npm run serve` it takes the portal's
 * port; should it be refused the port (in use), the process ends, as `next start` does.
 */
export const startIngestThread = () => {
  const bundle = ingestThreadBundlePath();
  if (globalForIngest.ingestThread || process.env.NODE_ENV !== "production") return;
  if (!existsSync(bundle)) {
    console.warn(`[ingest-thread] ${bundle} is missing (not built with \`npm run build\`?): storing envelopes on the main thread`);
    return;
  }
  const listen = portalListenFromEnv();
  let listened: { resolve: () => void; reject: (error: Error) => void } | null = null;
  if (listen) {
    globalForServe.portalListening = new Promise<void>((resolve, reject) => (listened = { resolve, reject }));
    // scripts/serve.mjs awaits it and says why; no unhandled rejection if nothing does.
    globalForServe.portalListening.catch(() => {});
  }
  const listenEvents: ListenEvents = {
    onListening: () => {
      if (listened) listened.resolve();
      else console.info(`[ingest-thread] listening on port ${listen?.port} again`);
      listened = null;
    },
    onListenFailed: (message) => {
      if (listened) return listened.reject(new Error(message));
      console.error(`[ingest-thread] cannot listen on port ${listen?.port} again: ${message}; exiting`);
      process.exit(1);
    },
  };
  const thread = startIngestThreadFrom(bundle, { listen, listenEvents });
  console.info(
    listen
      ? "[ingest-thread] the ingest thread serves the portal's port: it stores registry notifications and passes the rest to Next.js"
      : "[ingest-thread] envelopes are stored on the ingest thread",
  );
  onShutdown(listen ? thread.drain : thread.stop);
};

/**
 * Parses and stores the envelope on the ingest thread, as work a graceful shutdown waits for;
 * null when there is no thread running (the caller does it itself, with ingestEnvelope).
 */
export const ingestOnThread = (registry: IngestTarget, body: string): Promise<EnvelopeOutcome> | null => {
  const stored = globalForIngest.ingestThread?.ingest(registry, body) ?? null;
  return stored && trackWork(() => stored);
};
