import { EventEmitter } from "node:events";

// The queue's signal: the delivery store raises it when it writes deliveries that are due now,
// and the worker waits on it between claims. Ingest (a route handler) and the worker (started from instrumentation.ts) are bundled
// separately by Next.js, so module state is not shared: the signal lives on globalThis.
const globalForWake = globalThis as unknown as { deliveryWake?: EventEmitter };
const emitter = (globalForWake.deliveryWake ??= new EventEmitter());
emitter.setMaxListeners(0);

/** Tells this process's worker that new deliveries are due now. */
export const wakeDeliveryWorker = () => emitter.emit("wake");

/** Resolves on the next wake-up, or after `ms`, whichever comes first. */
export const waitForWake = (ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off("wake", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    emitter.once("wake", done);
  });

/** Calls `listener` on every wake-up of this thread (the main thread forwards them to its delivery threads); returns the unsubscribe. */
export const onWake = (listener: () => void) => {
  emitter.on("wake", listener);
  return () => void emitter.off("wake", listener);
};
