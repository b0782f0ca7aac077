import "server-only";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deliveryStore } from "../db/delivery-store";
import { isPostgres } from "../db/kind";
import { checkpointThreadBundlePath, startWalCheckpointer } from "../db/sqlite/wal-checkpointer";
import { crossThreadWakeMemory, raiseWakesAcrossThreads } from "../db/queue-wake";
import { releaseWriteLockOf, writeLockMemory } from "../db/sqlite/write-lock";
import { env } from "../env";
import { INSTANCE_ID } from "../lifecycle/instance-id";
import { SupervisedThread } from "../lifecycle/supervised-thread";
import { countRecorded } from "../metrics/metrics";
import { tallyOf } from "../metrics/recorded-tally";
import { deliverOne, unexpectedFailure } from "./deliver-one";
import { DeliveryLoop } from "./delivery-loop";
import type { DeliveryThreadData, FromDeliveryThread, ToDeliveryThread } from "./delivery-thread-messages";

// Who delivers: DELIVERY_WORKERS delivery threads per server process (default: one per core
// but the one serving pages and ingest; at least one), each a delivery loop of its own that
// claims, sends and records (lib/delivery/delivery-thread.ts). The main thread only passes its
// wake-ups on to them (the shared counter the ingest thread raises too, lib/db/queue-wake.ts)
// and counts what they recorded in its metrics. A thread that dies has its
// leased deliveries recorded as failed attempts (the retry policy sends them again, and a
// delivery that keeps killing threads runs out of retries like any other) and is started
// again after a pause that grows while it keeps dying. On SQLite a further thread copies the
// WAL back for all of them (lib/db/sqlite/wal-checkpointer.ts).

/** Where `npm run build` puts the delivery thread's bundle (scripts/build-delivery-thread.mjs). */
export const deliveryThreadBundlePath = () => path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "delivery-thread.cjs");

export const deliveryThreadCount = () => env.DELIVERY_WORKERS ?? Math.max(1, os.availableParallelism() - 1);

/** Thread `index`'s share of a per-process limit: the total split evenly, at least 1 each. */
export const shareOf = (total: number, count: number, index: number) =>
  Math.max(1, Math.floor(total / count) + (index < total % count ? 1 : 0));

/** On PostgreSQL each thread has a pool of its own; a loop runs few queries at once. */
const THREAD_POOL_SIZE = 4;
const MAX_RESTART_PAUSE_MS = 60_000;
/** How long stopping waits for a thread to drain beyond the request timeout. */
const STOP_MARGIN_MS = 3_000;

/**
 * What a dead thread held: recorded as failed attempts with the reason, so the retry policy
 * decides (at-least-once: the thread may have sent some of them).
 */
const failLeasesOf = async (owner: string, reason: string) => {
  const leased = await deliveryStore.leasedTo(owner);
  if (leased.length === 0) return;
  const settlements = leased.map((claimed) => ({ claimed, ...unexpectedFailure(claimed, "", new Error(reason)) }));
  countRecorded(tallyOf(settlements, await deliveryStore.settle(owner, settlements, new Date(), env.WEBHOOK_DISABLE_AFTER)));
};

/** One delivery thread; started again when it dies (once what it held is recorded), until stopped. */
const deliveryThread = (bundle: string, name: string, data: DeliveryThreadData) =>
  new SupervisedThread<ToDeliveryThread, FromDeliveryThread>({
    bundle,
    name,
    workerOptions: { workerData: data, env: { ...process.env, DATABASE_POOL_SIZE: String(Math.min(THREAD_POOL_SIZE, env.DATABASE_POOL_SIZE)) } },
    maxRestartPauseMs: MAX_RESTART_PAUSE_MS,
    // Its requests in flight end within WEBHOOK_TIMEOUT_MS, then it records them.
    stopWaitMs: () => env.WEBHOOK_TIMEOUT_MS + STOP_MARGIN_MS,
    onMessage: (message) => message.type === "recorded" && countRecorded(message.tally),
    onExit: async (threadId, code, willRestart) => {
      releaseWriteLockOf(threadId, data.slot);
      // Stopped, it handed its leases back (or they expire if it could not finish in time).
      if (willRestart) await failLeasesOf(data.owner, `the delivery thread exited (code ${code})`);
    },
  });

/**
 * Starts `count` delivery threads from `bundle`, sharing this process's limits and SQLite write
 * lock; `checkpointsElsewhere` when the WAL checkpoint thread runs.
 */
export const startDeliveryThreads = (bundle: string, count: number, checkpointsElsewhere = false) => {
  const threads = Array.from(
    { length: count },
    (_, index) =>
      deliveryThread(bundle, `delivery-${index + 1}`, {
        owner: `${INSTANCE_ID}#${index + 1}`,
        concurrency: shareOf(env.DELIVERY_CONCURRENCY, count, index),
        cap: shareOf(env.WEBHOOK_MAX_IN_FLIGHT, count, index),
        writeLock: writeLockMemory(),
        slot: index + 1,
        wakeMemory: crossThreadWakeMemory(),
        checkpointsElsewhere,
      }),
  );
  const unsubscribe = raiseWakesAcrossThreads(crossThreadWakeMemory());
  return {
    stop: async () => {
      unsubscribe();
      await Promise.all(threads.map((thread) => thread.stop()));
    },
    runningCount: () => threads.filter((thread) => thread.isRunning).length,
  };
};

/**
 * The delivery threads, or a loop on the main thread: DELIVERY_WORKERS=0, or `next dev` (whose
 * code changes as you edit; a bundle left by an earlier `npm run build` would send with old code).
 */
export const startDelivery = () => {
  const count = process.env.NODE_ENV === "production" ? deliveryThreadCount() : 0;
  const bundle = deliveryThreadBundlePath();
  if (count > 0 && existsSync(bundle)) {
    console.info(`[delivery-threads] ${count} delivery thread(s)`);
    // On SQLite, first the thread that checkpoints the WAL for every connection of the process.
    const checkpointBundle = checkpointThreadBundlePath();
    const checkpointer = !isPostgres && existsSync(checkpointBundle) ? startWalCheckpointer(checkpointBundle) : null;
    const threads = startDeliveryThreads(bundle, count, checkpointer !== null);
    return {
      ...threads,
      stop: async () => {
        await threads.stop();
        await checkpointer?.stop();
      },
    };
  }
  if (count > 0) console.warn(`[delivery-threads] ${bundle} is missing (not built with \`npm run build\`?): delivering on the main thread`);
  const loop = new DeliveryLoop(INSTANCE_ID, env.DELIVERY_CONCURRENCY, deliverOne, { onRecorded: countRecorded });
  loop.start();
  return { stop: () => loop.stop(), runningCount: () => 0 };
};
