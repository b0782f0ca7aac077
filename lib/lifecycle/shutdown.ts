// Graceful shutdown on SIGTERM/SIGINT (a deploy, `systemctl stop`, Ctrl+C): stop taking new
// deliveries, let the requests in flight finish and be recorded, hand back what is unfinished,
// then exit. `npm run serve` sets NEXT_MANUAL_SIG_HANDLE so that Next.js leaves the signals
// to us instead of exiting at once.
//
// Route handlers and instrumentation.ts are bundled separately by Next.js, so the state lives
// on globalThis (as in lib/db/queue-wake.ts).

type Lifecycle = {
  isShuttingDown: boolean;
  /** Work the exit waits for: ingest transactions, Ping and Redeliver sends. */
  work: Set<Promise<unknown>>;
  /** Run at shutdown, in parallel (the delivery worker's drain). */
  hooks: (() => Promise<void>)[];
  isInstalled: boolean;
  /** When the first signal came (ms since the epoch). */
  signalledAt?: number;
};

const globalForLifecycle = globalThis as unknown as { lifecycle?: Lifecycle };
const state = (globalForLifecycle.lifecycle ??= { isShuttingDown: false, work: new Set(), hooks: [], isInstalled: false });

export const isShuttingDown = () => state.isShuttingDown;

/** Runs `task` as work a graceful shutdown waits for. */
export const trackWork = async <T,>(task: () => Promise<T>): Promise<T> => {
  const running = task();
  state.work.add(running);
  try {
    return await running;
  } finally {
    state.work.delete(running);
  }
};

/** Registers something to finish before the process exits. */
export const onShutdown = (hook: () => Promise<void>) => {
  state.hooks.push(hook);
};

/**
 * A repeat of the signal this soon is the same request delivered twice, not an impatient
 * operator: Ctrl+C (SIGINT) and systemd's stop (SIGTERM to the whole control group) reach both
 * `npm run serve` and the server it started, and npm forwards its copy to the server a moment
 * later. Taken as a second signal, that copy made every such stop exit at once, leaving the
 * requests in flight unrecorded and their leases held (they were sent again after the restart).
 */
export const REPEAT_IGNORED_MS = 1000;

/** Waits for the hooks and tracked work, at most `graceMs`, then exits. A second signal (after REPEAT_IGNORED_MS) exits at once. */
export const shutDown = async (signal: string, graceMs: number) => {
  if (state.isShuttingDown) {
    if (Date.now() - (state.signalledAt ?? 0) < REPEAT_IGNORED_MS) return;
    console.warn(`[registry-webhooks] ${signal} again: exiting without waiting.`);
    process.exit(1);
  }
  state.isShuttingDown = true;
  state.signalledAt = Date.now();
  console.info(`[registry-webhooks] ${signal}: finishing the deliveries in flight, then exiting.`);
  const finished = Promise.allSettled([...state.hooks.map((hook) => hook()), ...state.work]);
  const timedOut = new Promise<"timeout">((resolve) => setTimeout(resolve, graceMs, "timeout").unref());
  if ((await Promise.race([finished, timedOut])) === "timeout") {
    console.warn(`[registry-webhooks] Shutdown took longer than ${graceMs} ms; exiting anyway.`);
  }
  process.exit(0);
};

/** Installs the signal handlers once per process (called from instrumentation.ts). */
export const installShutdownHandlers = (graceMs: number) => {
  if (state.isInstalled) return;
  state.isInstalled = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutDown(signal, graceMs));
};
