import { EventEmitter } from "node:events";

// The queue's signal: the delivery store raises it when it writes deliveries that are due now,
// and the worker waits on it between claims. Ingest (a route handler) and the worker (started from instrumentation.ts) are bundled
// separately by Next.js, so module state is not shared: the signal lives on globalThis.
const globalForWake = globalThis as unknown as { deliveryWake?: EventEmitter; crossThreadWake?: Int32Array };
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

// Across threads: a counter in shared memory that the main thread and the ingest thread raise
// (Atomics.notify) and each delivery thread watches (Atomics.waitAsync), turning it into a
// wake-up of its own thread. The ingest thread's wake-ups must not wait for a turn of the main
// thread's event loop (a page render holds it for tens of milliseconds), as a message passed
// on by the main thread would.

/** The shared counter, made on first use (the main thread), to give to the ingest and delivery threads. */
export const crossThreadWakeMemory = (): SharedArrayBuffer => (globalForWake.crossThreadWake ??= new Int32Array(new SharedArrayBuffer(4))).buffer as SharedArrayBuffer;

/** In the main thread and the ingest thread: every wake-up of this thread raises the shared counter too; returns the unsubscribe. */
export const raiseWakesAcrossThreads = (memory: SharedArrayBuffer) => {
  const counter = new Int32Array(memory);
  return onWake(() => {
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  });
};

/** In a delivery thread: a wake-up of this thread whenever another thread raises the shared counter. */
export const watchWakesAcrossThreads = (memory: SharedArrayBuffer) => {
  const counter = new Int32Array(memory);
  let seen = Atomics.load(counter, 0);
  const watch = async () => {
    for (;;) {
      const waited = Atomics.waitAsync(counter, 0, seen);
      // A pending waitAsync does not keep the thread alive; the delivery loop's timers do.
      if (waited.async) await waited.value;
      const now = Atomics.load(counter, 0);
      if (now !== seen) {
        seen = now;
        wakeDeliveryWorker();
      }
    }
  };
  void watch();
};
