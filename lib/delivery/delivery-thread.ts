// The entry of a delivery thread (bundled by scripts/build-delivery-thread.mjs into the build
// directory, started by lib/delivery/delivery-threads.ts). It runs a delivery loop of its own
// on its own event loop and database connection: claims, builds, signs, sends and records, so
// that none of it waits behind page rendering or ingest on the main thread, and neither do
// they wait behind it. It tells the main thread what it recorded (for the metrics) and drains
// when asked to stop.
import "../security/zod-jitless";
import { parentPort, workerData } from "node:worker_threads";
import { moveCheckpointsOffConnections } from "../db-raw";
import { watchWakesAcrossThreads } from "../db/queue-wake";
import { adoptWriteLock } from "../db/sqlite/write-lock";
import { deliverOne } from "./deliver-one";
import { DeliveryLoop } from "./delivery-loop";
import type { DeliveryThreadData, FromDeliveryThread, ToDeliveryThread } from "./delivery-thread-messages";

const { owner, concurrency, cap, writeLock, slot, wakeMemory, checkpointsElsewhere } = workerData as DeliveryThreadData;
adoptWriteLock(writeLock, slot);
watchWakesAcrossThreads(wakeMemory);
if (checkpointsElsewhere) moveCheckpointsOffConnections();
const port = parentPort!;
const tell = (message: FromDeliveryThread) => port.postMessage(message);

const loop = new DeliveryLoop(owner, concurrency, deliverOne, { cap, onRecorded: (tally) => tell({ type: "recorded", tally }) });
loop.start();

// The only message: stop (wake-ups come through the shared counter, watched above).
port.on("message", (_message: ToDeliveryThread) => {
  void loop
    .stop()
    .catch((error) => console.error("[delivery-thread] stopping failed; its leases expire instead", error))
    .finally(() => tell({ type: "stopped" }));
});
