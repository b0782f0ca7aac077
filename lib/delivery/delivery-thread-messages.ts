// What the main thread and a delivery thread say to each other (lib/delivery/delivery-threads.ts,
// lib/delivery/delivery-thread.ts). Plain data: it crosses threads by structured clone.
import type { RecordedTally } from "../metrics/recorded-tally";

/** Given to a delivery thread when it starts. */
export type DeliveryThreadData = {
  /** Names the thread's loop on the leases it takes: the instance id and the thread's number. */
  owner: string;
  /** Its share of DELIVERY_CONCURRENCY and of WEBHOOK_MAX_IN_FLIGHT. */
  concurrency: number;
  cap: number;
  /** The process's SQLite write lock (lib/db/sqlite/write-lock.ts), and this thread's slot in it (1, 2, ...). */
  writeLock: SharedArrayBuffer;
  slot: number;
  /** The counter the main and ingest threads raise when deliveries are due (lib/db/queue-wake.ts). */
  wakeMemory: SharedArrayBuffer;
  /** The WAL checkpoint thread runs (lib/db/sqlite/wal-checkpointer.ts): this thread's connections leave checkpoints to it. */
  checkpointsElsewhere: boolean;
};

/** Main → thread: stop (SIGTERM). Wake-ups come through the shared counter (`wakeMemory`), not as messages. */
export type ToDeliveryThread = { type: "stop" };

/** Thread → main: a batch was recorded (for the metrics), or the thread has drained and handed back its leases. */
export type FromDeliveryThread = { type: "recorded"; tally: RecordedTally } | { type: "stopped" };
