import "server-only";
import { isPostgres } from "../db/kind";
import { listenForWakeUps } from "../db/postgres/wake-listener";
import { wakeDeliveryWorker } from "../db/queue-wake";
import { onShutdown } from "../lifecycle/shutdown";
import { startDelivery } from "./delivery-threads";

// The delivery worker of a server process: delivery threads that each claim, send and record
// (lib/delivery/delivery-threads.ts), or one loop on the main thread under `next dev`.

const globalForWorker = globalThis as unknown as { deliveryWorker?: ReturnType<typeof startDelivery> };

/** Starts this process's delivery once (called from instrumentation.ts); it drains and stops on shutdown. */
export const startDeliveryWorker = () => {
  if (globalForWorker.deliveryWorker) return;
  const delivery = (globalForWorker.deliveryWorker = startDelivery());
  // Other instances' ingest wakes the loops too (LISTEN/NOTIFY, forwarded to the threads like
  // this process's own wake-ups); SQLite has one file and its loops poll for other processes' work.
  const listener = isPostgres ? listenForWakeUps(wakeDeliveryWorker) : null;
  onShutdown(async () => {
    await listener?.stop();
    await delivery.stop();
  });
};
