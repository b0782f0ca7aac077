import { Worker, type WorkerOptions } from "node:worker_threads";
import { FIRST_RESTART_PAUSE_MS, nextRestartPause } from "./restart-pause";

// A worker thread of the server process that is started again when it dies, until stopped: the
// delivery threads (lib/delivery/delivery-threads.ts), the ingest thread
// (lib/registry/ingest-threads.ts) and the WAL checkpoint thread (lib/db/sqlite/wal-checkpointer.ts). Stopping asks the thread to drain ({ type: "stop" }), waits
// for its { type: "stopped" } within a deadline, then ends it. What a dead thread held is its
// owner's to settle (`onExit`), before the thread is started again.

type Settings<From> = {
  bundle: string;
  /** Names the thread in logs and to debuggers. */
  name: string;
  /** Given to each start (workerData, env). */
  workerOptions: WorkerOptions;
  maxRestartPauseMs: number;
  /** How long stopping waits for the thread to drain. */
  stopWaitMs: () => number;
  /** Every message but { type: "stopped" }. */
  onMessage: (message: From) => void;
  /**
   * The thread ended: it crashed (`willRestart`: it is started again once this resolves and the
   * pause is over), or it was stopped.
   */
  onExit: (threadId: number, code: number, willRestart: boolean) => Promise<void> | void;
};

export class SupervisedThread<To extends { type: string }, From extends { type: string }> {
  private worker: Worker | null = null;
  private isStopped = false;
  private pauseMs = FIRST_RESTART_PAUSE_MS;
  private restartTimer: NodeJS.Timeout | null = null;
  private onStopped: (() => void) | null = null;

  constructor(private readonly settings: Settings<From>) {
    this.spawn();
  }

  private spawn() {
    const { bundle, name, workerOptions, maxRestartPauseMs, onMessage, onExit } = this.settings;
    const startedAt = Date.now();
    const worker = (this.worker = new Worker(bundle, { ...workerOptions, name }));
    // Read now: once the thread has ended, worker.threadId is -1.
    const { threadId } = worker;
    worker.on("message", (message: From) => (message.type === "stopped" ? this.onStopped?.() : onMessage(message)));
    worker.on("error", (error) => console.error(`[${name}] the thread failed`, error));
    worker.once("exit", (code) => {
      this.worker = null;
      const willRestart = !this.isStopped;
      const settled = Promise.resolve()
        .then(() => onExit(threadId, code, willRestart))
        .catch((error) => console.error(`[${name}] could not settle what the thread held`, error));
      this.onStopped?.();
      if (!willRestart) return;
      this.pauseMs = nextRestartPause(this.pauseMs, Date.now() - startedAt, maxRestartPauseMs);
      console.error(`[${name}] the thread exited (code ${code}); starting it again in ${this.pauseMs} ms`);
      this.restartTimer = setTimeout(() => void settled.then(() => !this.isStopped && this.spawn()), this.pauseMs);
    });
  }

  get isRunning() {
    return this.worker !== null;
  }

  /** Posts `message` to the thread if it runs and is not stopping; false otherwise. */
  tell(message: To) {
    if (!this.worker || this.isStopped) return false;
    this.worker.postMessage(message);
    return true;
  }

  /** Asks the thread to drain, waits for it (at most stopWaitMs), then ends it; it is not started again. */
  async stop() {
    this.isStopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => (this.onStopped = resolve));
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, this.settings.stopWaitMs()).unref());
    worker.postMessage({ type: "stop" });
    await Promise.race([stopped, deadline]);
    await worker.terminate();
  }
}
