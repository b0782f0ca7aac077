import "server-only";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Claimed } from "../db/delivery-store-types";
import { env } from "../env";
import { deliverOne, unexpectedFailure, type Outcome, type Target } from "./deliver-one";
import type { Dispatch } from "./delivery-loop";
import type { SendDone, SendJob } from "./sender-messages";

// Who sends: DELIVERY_WORKERS sender threads per server process (default: one per core but
// the one serving pages and ingest; at least one). The main thread's delivery loop claims and
// records (lib/delivery/delivery-loop.ts) and hands each claimed delivery to the thread with
// the fewest in flight. A thread that dies fails its deliveries in flight as recorded
// attempts (the retry policy sends them again) and is started again after a pause that grows
// while it keeps dying.

/** Where `npm run build` puts the sender thread's bundle (scripts/build-sender.mjs). */
export const senderBundlePath = () => path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "sender-thread.cjs");

export const senderThreadCount = () => env.DELIVERY_WORKERS ?? Math.max(1, os.availableParallelism() - 1);

const FIRST_RESTART_PAUSE_MS = 1_000;
const MAX_RESTART_PAUSE_MS = 60_000;
/** A thread that ran this long before dying starts again at the first pause. */
const HEALTHY_RUN_MS = 60_000;

type Pending = { claimed: Claimed; uri: string; resolve: (outcome: Outcome) => void };

/** One sender thread and the jobs it has in flight; started again when it dies, until stopped. */
class SenderThread {
  private worker: Worker | null = null;
  readonly pending = new Map<number, Pending>();
  private isStopped = false;
  private pauseMs = FIRST_RESTART_PAUSE_MS;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bundle: string,
    private readonly name: string,
  ) {
    this.spawn();
  }

  private spawn() {
    const startedAt = Date.now();
    const worker = (this.worker = new Worker(this.bundle, { name: this.name }));
    worker.on("message", ({ job, outcome }: SendDone) => {
      const pending = this.pending.get(job);
      this.pending.delete(job);
      pending?.resolve(outcome);
    });
    worker.on("error", (error) => console.error(`[delivery-senders] ${this.name} failed`, error));
    worker.once("exit", (code) => {
      this.worker = null;
      // What it had in flight may or may not have been sent: record that, and let the retry
      // policy send it again (at-least-once, as after a crash).
      for (const { claimed, uri, resolve } of this.pending.values()) resolve(unexpectedFailure(claimed, uri, new Error(`the sender thread exited (code ${code})`)));
      this.pending.clear();
      if (this.isStopped) return;
      this.pauseMs = Date.now() - startedAt > HEALTHY_RUN_MS ? FIRST_RESTART_PAUSE_MS : Math.min(this.pauseMs * 2, MAX_RESTART_PAUSE_MS);
      console.error(`[delivery-senders] ${this.name} exited (code ${code}); starting it again in ${this.pauseMs} ms`);
      this.restartTimer = setTimeout(() => this.spawn(), this.pauseMs);
    });
  }

  get isRunning() {
    return this.worker !== null;
  }

  send(job: number, claimed: Claimed, target: Target | undefined): Promise<Outcome> {
    return new Promise((resolve) => {
      this.pending.set(job, { claimed, uri: target?.isReadable ? target.serviceUri : "", resolve });
      this.worker!.postMessage({ job, claimed, target } satisfies SendJob);
    });
  }

  async stop() {
    this.isStopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.worker?.terminate();
  }
}

/** The sender threads as the loop's dispatch: each job to the running thread with the fewest in flight. */
export const startSenderThreads = (bundle: string, count: number) => {
  const threads = Array.from({ length: count }, (_, i) => new SenderThread(bundle, `delivery-sender-${i + 1}`));
  let nextJob = 0;
  const dispatch: Dispatch = (claimed, target) => {
    const running = threads.filter((thread) => thread.isRunning);
    // Every thread is between a crash and its restart: send from here rather than wait.
    if (running.length === 0) return deliverOne(claimed, target);
    const least = running.reduce((best, thread) => (thread.pending.size < best.pending.size ? thread : best));
    return least.send((nextJob = (nextJob + 1) % Number.MAX_SAFE_INTEGER), claimed, target);
  };
  return {
    dispatch,
    stop: () => Promise.all(threads.map((thread) => thread.stop())),
    runningCount: () => threads.filter((thread) => thread.isRunning).length,
  };
};

/**
 * The sender threads, or the main thread itself: DELIVERY_WORKERS=0, or `next dev` (whose code
 * changes as you edit; a bundle left by an earlier `npm run build` would send with old code).
 */
export const startSenders = () => {
  const count = process.env.NODE_ENV === "production" ? senderThreadCount() : 0;
  const bundle = senderBundlePath();
  if (count > 0 && existsSync(bundle)) {
    console.info(`[delivery-senders] ${count} sender thread(s)`);
    return startSenderThreads(bundle, count);
  }
  if (count > 0) console.warn(`[delivery-senders] ${bundle} is missing (not built with \`npm run build\`?): sending on the main thread`);
  return { dispatch: deliverOne, stop: async () => undefined, runningCount: () => 0 };
};
