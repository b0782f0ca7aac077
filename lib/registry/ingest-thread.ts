// The entry of the ingest thread (bundled by scripts/build-delivery-thread.mjs into the build
// directory, started by lib/registry/ingest-threads.ts). It parses and stores envelopes: fan-out,
// payload bodies, the group commit and the WAL sync, on its own event loop and database
// connection. Under `npm run serve` it also owns the portal's port
// (lib/registry/notifications-listener.ts): a registry's notifications are read and answered
// here, and everything else is passed to Next.js, so an envelope never waits behind a page render
// on the main thread, nor a page render behind an envelope's transaction. Otherwise (a server
// started another way) the notifications route hands it the bodies it read.
import "../security/zod-jitless";
import { parentPort, workerData } from "node:worker_threads";
import { isDatabaseUnavailable } from "../db-errors";
import { moveCheckpointsOffConnections } from "../db-raw";
import { raiseWakesAcrossThreads } from "../db/queue-wake";
import { adoptWriteLock, INGEST_THREAD_SLOT } from "../db/sqlite/write-lock";
import { ingestEnvelope } from "./ingest";
import type { FromIngestThread, IngestThreadData, ToIngestThread } from "./ingest-thread-messages";
import { createNotificationsListener } from "./notifications-listener";

const { writeLock, wakeMemory, checkpointsElsewhere, listen } = workerData as IngestThreadData;
adoptWriteLock(writeLock, INGEST_THREAD_SLOT);
// The stores wake the delivery threads as they commit, before the sync (lib/db/sqlite/delivery-store.ts).
raiseWakesAcrossThreads(wakeMemory);
if (checkpointsElsewhere) moveCheckpointsOffConnections();
const port = parentPort!;
const tell = (message: FromIngestThread) => port.postMessage(message);

let inHand = 0;
let isStopping = false;
let isDraining = false;
const listenerInHand = () => listener?.inHand() ?? 0;
const stopIfIdle = () => {
  if (inHand > 0 || listenerInHand() > 0) return;
  if (isStopping) tell({ type: "stopped" });
  if (isDraining) {
    isDraining = false;
    tell({ type: "drained" });
  }
};

const listener =
  listen &&
  createNotificationsListener({
    upstream: listen.upstream,
    // The listener counts what it has in hand until each is answered.
    store: ingestEnvelope,
    onStored: ({ registry, summary }) => tell({ type: "counted", registry, summary }),
    onIdle: () => stopIfIdle(),
  });
if (listener && listen) {
  listener.server.once("error", (error: NodeJS.ErrnoException) => tell({ type: "listen-failed", message: error.message, code: error.code ?? null }));
  listener.server.listen({ port: listen.port, host: listen.host ?? undefined }, () => tell({ type: "listening" }));
}

port.on("message", (message: ToIngestThread) => {
  if (message.type === "stop") {
    isStopping = true;
    return stopIfIdle();
  }
  if (message.type === "drain") {
    // Shutting down: the port stays open (the readiness check answers 503 until the process
    // exits), and the envelopes in hand are answered first.
    isDraining = true;
    return stopIfIdle();
  }
  // An envelope the notifications route read: in hand until its answer is posted (a "stopped"
  // posted before it would let the main thread end the thread with the answer unsent).
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
