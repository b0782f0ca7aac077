// How long to wait before starting again a worker thread that died (the delivery threads, the
// WAL checkpoint thread): a second at first, doubling while it keeps dying, back to a second once
// it had run a minute.

/** The pause before the first restart, and after a thread that had run HEALTHY_RUN_MS. */
export const FIRST_RESTART_PAUSE_MS = 1_000;
/** A thread that ran this long before dying starts again at the first pause. */
const HEALTHY_RUN_MS = 60_000;

/** The pause before the next restart of a thread that ran `ranMs` after the last pause, `pauseMs`. */
export const nextRestartPause = (pauseMs: number, ranMs: number, maxMs: number) =>
  ranMs > HEALTHY_RUN_MS ? FIRST_RESTART_PAUSE_MS : Math.min(pauseMs * 2, maxMs);
