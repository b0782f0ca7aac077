import "server-only";
import { isPostgres } from "../db/kind";
import { listenForWakeUps } from "../db/postgres/wake-listener";
import { wakeDeliveryWorker } from "../db/queue-wake";
import { env } from "../env";
import { INSTANCE_ID } from "../lifecycle/instance-id";
import { onShutdown } from "../lifecycle/shutdown";
import { DeliveryLoop } from "./delivery-loop";
import { startSenders } from "./senders";

// The delivery worker of a server process: its loop claims and records on the main thread,
// its senders send on their own threads (lib/delivery/delivery-loop.ts, lib/delivery/senders.ts).

const globalForWorker = globalThis as unknown as { deliveryWorker?: DeliveryLoop };

/** Starts this process's delivery loop and senders once (called from instrumentation.ts); they stop on shutdown. */
export const startDeliveryWorker = () => {
  if (globalForWorker.deliveryWorker) return;
  const senders = startSenders();
  const loop = (globalForWorker.deliveryWorker = new DeliveryLoop(INSTANCE_ID, env.DELIVERY_CONCURRENCY, senders.dispatch));
  loop.start();
  // Other instances' ingest wakes this loop too (LISTEN/NOTIFY); SQLite has one file and
  // polls for other processes' work.
  const listener = isPostgres ? listenForWakeUps(wakeDeliveryWorker) : null;
  onShutdown(async () => {
    await listener?.stop();
    await loop.stop();
    await senders.stop();
  });
};
