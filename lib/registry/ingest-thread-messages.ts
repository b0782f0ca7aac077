// What the main thread and the ingest thread say to each other (lib/registry/ingest-threads.ts,
// lib/registry/ingest-thread.ts). Plain data: it crosses threads by structured clone.
import type { EnvelopeOutcome, IngestTarget } from "./ingest";

/** Given to the ingest thread when it starts. */
export type IngestThreadData = {
  /** The process's SQLite write lock (lib/db/sqlite/write-lock.ts); the thread takes INGEST_THREAD_SLOT in it. */
  writeLock: SharedArrayBuffer;
  /** The counter it raises when it stored deliveries that are due, read by the delivery threads (lib/db/queue-wake.ts). */
  wakeMemory: SharedArrayBuffer;
  /** The WAL checkpoint thread runs: the ingest connection leaves checkpoints to it. */
  checkpointsElsewhere: boolean;
};

/**
 * Main → thread: parse and store an envelope (already authorised and within the size limit), or
 * stop once those in hand are stored. The body travels as text: copying a flat string is cheap
 * for the main thread, where a structured clone of the parsed events cost it about 0.85 ms per
 * 10-event envelope, and the parsing moves off it too.
 */
export type ToIngestThread = { type: "ingest"; id: number; registry: IngestTarget; body: string } | { type: "stop" };

/**
 * Thread → main: envelope `id` is stored (and on disk) or refused as not an envelope, or failed
 * with the error's message and code (what lib/db-errors.ts reads to tell "database unavailable"
 * from a bug); or every envelope it was given is answered and it may end.
 */
export type FromIngestThread =
  | { type: "ingested"; id: number; outcome: EnvelopeOutcome }
  | { type: "failed"; id: number; message: string; code: string | null }
  | { type: "stopped" };
