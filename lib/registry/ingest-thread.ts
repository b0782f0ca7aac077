// The entry of the ingest thread (bundled by scripts/build-delivery-thread.mjs into the build
// directory, started by lib/registry/ingest-threads.ts). It parses and stores the envelopes the
// notifications route hands it: fan-out, payload bodies, the group commit and the WAL sync, on
// its own event loop and database connection, so that the main thread only reads requests,
// checks them and answers. A page render no longer waits behind an ingest transaction, and an
// envelope's transaction no longer waits behind a page render.
import "../security/zod-jitless";
import { parentPort, workerData } from "node:worker_threads";
import { isDatabaseUnavailable } from "../db-errors";
import { moveCheckpointsOffConnections } from "../db-raw";
import { raiseWakesAcrossThreads } from "../db/queue-wake";
import { adoptWriteLock, INGEST_THREAD_SLOT } from "../db/sqlite/write-lock";
import { ingestEnvelope } from "./ingest";
import type { FromIngestThread, IngestThreadData, ToIngestThread } from "./ingest-thread-messages";

const { writeLock, wakeMemory, checkpointsElsewhere } = workerData as IngestThreadData;
adoptWriteLock(writeLock, INGEST_THREAD_SLOT);
// The stores wake the delivery threads as they commit, before the sync (lib/db/sqlite/delivery-store.ts).
raiseWakesAcrossThreads(wakeMemory);
if (checkpointsElsewhere) moveCheckpointsOffConnections();
const port = parentPort!;
const tell = (message: FromIngestThread) => port.postMessage(message);

let inHand = 0;
let isStopping = false;
const stopIfIdle = () => {
  if (isStopping && inHand === 0) tell({ type: "stopped" });
};

port.on("message", (message: ToIngestThread) => {
  if (message.type === "stop") {
    isStopping = true;
    return stopIfIdle();
  }
  const { id, registry, body } = message;
  inHand += 1;
  ingestEnvelope(registry, body)
    .then((outcome) => tell({ type: "ingested", id, outcome }))
    .catch((error: unknown) => {
      // The route logs "database unavailable" itself; anything else is a bug, whose stack is only here.
      if (!isDatabaseUnavailable(error)) console.error("[ingest-thread] storing an envelope failed", error);
      const { message: text, code } = (error ?? {}) as { message?: unknown; code?: unknown };
      tell({ type: "failed", id, message: typeof text === "string" ? text : String(error), code: typeof code === "string" ? code : null });
    })
    .finally(() => {
      inHand -= 1;
      stopIfIdle();
    });
});
