// What the main thread and the ingest thread say to each other (lib/registry/ingest-threads.ts,
// lib/registry/ingest-thread.ts). Plain data: it crosses threads by structured clone.
import type { EnvelopeOutcome, IngestSummary, IngestTarget } from "./ingest";

/** Given to the ingest thread when it starts. */
export type IngestThreadData = {
  /** The process's SQLite write lock (lib/db/sqlite/write-lock.ts); the thread takes INGEST_THREAD_SLOT in it. */
  writeLock: SharedArrayBuffer;
  /** The counter it raises when it stored deliveries that are due, read by the delivery threads (lib/db/queue-wake.ts). */
  wakeMemory: SharedArrayBuffer;
  /** The WAL checkpoint thread runs: the ingest connection leaves checkpoints to it. */
  checkpointsElsewhere: boolean;
  /**
   * The portal's port, when the thread owns it (`npm run serve`, scripts/serve.mjs): where to
   * listen (host null: every address), and where Next.js listens for everything else.
   */
  listen: PortalListen | null;
};

/** What scripts/serve.mjs puts in PORTAL_LISTEN (JSON) for the ingest thread. */
export type PortalListen = { host: string | null; port: number; upstream: { host: string; port: number } };

/**
 * Main → thread: parse and store an envelope (already authorised and within the size limit), or
 * stop once those in hand are stored (and end), or drain: answer those in hand and say so, but
 * keep the port (the process is shutting down; its readiness check must still answer). The body travels as text: copying a flat string is cheap
 * for the main thread, where a structured clone of the parsed events cost it about 0.85 ms per
 * 10-event envelope, and the parsing moves off it too.
 */
export type ToIngestThread = { type: "ingest"; id: number; registry: IngestTarget; body: string } | { type: "stop" } | { type: "drain" };

/**
 * Thread → main: envelope `id` is stored (and on disk) or refused as not an envelope, or failed
 * with the error's message and code (what lib/db-errors.ts reads to tell "database unavailable"
 * from a bug); or every envelope it was given is answered and it may end.
 */
export type FromIngestThread =
  | { type: "ingested"; id: number; outcome: EnvelopeOutcome }
  | { type: "failed"; id: number; message: string; code: string | null }
  | { type: "stopped" }
  // The port (when it owns it): listening, or refused (EADDRINUSE, EACCES); events it stored, for the metrics.
  | { type: "listening" }
  | { type: "listen-failed"; message: string; code: string | null }
  | { type: "counted"; registry: string; summary: IngestSummary }
  // Every envelope it had in hand when told to drain is answered.
  | { type: "drained" };
