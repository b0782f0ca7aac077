import "server-only";
import path from "node:path";
import { moveCheckpointsOffConnections, sqliteFile } from "../../db-raw";
import { SupervisedThread } from "../../lifecycle/supervised-thread";
import type { CheckpointThreadData } from "./checkpoint-thread";

// Starts the WAL checkpoint thread (lib/db/sqlite/checkpoint-thread.ts) of a server process on
// SQLite, and only then lets the hot connections checkpoint inside their own commits only past
// WAL_CHECKPOINT_BOUND_PAGES (lib/db-raw.ts). lib/delivery/delivery-threads.ts starts it where
// there is a build's bundle; under `next dev` (no bundle) the connections checkpoint as SQLite
// does by default. A thread that dies is started again after a pause, during which the commits'
// own checkpoints past the bound keep the WAL from growing further.

/** How often the thread copies the WAL back: a few MB at 2,500 deliveries/s. */
export const CHECKPOINT_EVERY_MS = 100;
const MAX_RESTART_PAUSE_MS = 30_000;

/** Where `npm run build` puts the thread's bundle (scripts/build-delivery-thread.mjs). */
export const checkpointThreadBundlePath = () => path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "checkpoint-thread.cjs");

/** Starts the thread from `bundle` on the SQLite file and returns how to stop it. */
export const startWalCheckpointer = (bundle: string, file = sqliteFile(), everyMs = CHECKPOINT_EVERY_MS) => {
  const data: CheckpointThreadData = { file, everyMs };
  // It holds nothing to hand back and says nothing: stopping ends it at once.
  const thread = new SupervisedThread<{ type: "stop" }, { type: "stopped" }>({
    bundle,
    name: "wal-checkpointer",
    workerOptions: { workerData: data },
    maxRestartPauseMs: MAX_RESTART_PAUSE_MS,
    stopWaitMs: () => 0,
    onMessage: () => undefined,
    onExit: () => undefined,
  });
  moveCheckpointsOffConnections();
  return { stop: () => thread.stop() };
};
