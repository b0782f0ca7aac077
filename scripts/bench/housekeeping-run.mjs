// Run 3: housekeeping. The portal is started again on the benchmark's database with the
// default retention (1000 events per webhook), so its first housekeeping round prunes most of
// what the burst stored, checkpoints the WAL and hands free pages back. A stall probe measures
// how long a visitor waits meanwhile (one DELETE of 45,000 rows froze the server for seconds),
// and the file sizes are taken before and after.

import { fileSizes, readHousekeepingState } from "./database.mjs";
import { fmtInt, fmtMs, fmtS, log } from "./format.mjs";
import { startPortal, stopGroup } from "./portal-process.mjs";
import { HOST } from "./settings.mjs";
import { startStallProbe } from "./stall-probe.mjs";
import { waitFor } from "./wait.mjs";

const RETENTION = 1000;
/** Two housekeeping rounds (every 30 s) and some slack. */
const WAIT_MS = 75_000;

const fmtMiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export const runHousekeepingPhase = async (options) => {
  const before = fileSizes();
  const keep = options.webhooks * Math.min(RETENTION, options.events);
  const portal = await startPortal({ ...options, retention: RETENTION });
  const probe = startStallProbe(`http://${HOST}:${options.port}/sign-in`, "housekeeping");
  const started = performance.now();
  const isDone = await waitFor(
    () => {
      const state = readHousekeepingState();
      return state.deliveries <= keep && state.freePages === 0;
    },
    { timeoutMs: WAIT_MS, everyMs: 500 },
  );
  const stalls = await probe.stop();
  const state = readHousekeepingState();
  await stopGroup(portal);
  const after = fileSizes();
  log(
    `[housekeeping] ${isDone ? "done" : "not finished"} after ${fmtS(performance.now() - started)}: ${fmtInt(state.deliveries)} deliveries kept (retention ${RETENTION} per webhook), ${fmtInt(state.freePages)} free pages left`,
  );
  log(`[housekeeping] database ${fmtMiB(before.db)} + WAL ${fmtMiB(before.wal)} → ${fmtMiB(after.db)} + WAL ${fmtMiB(after.wal)}`);
  const [phase] = stalls.phases;
  log(`[housekeeping] sign-in page meanwhile: ${phase?.probes ?? 0} probes, p50 ${fmtMs(phase?.p50)} ms, p99 ${fmtMs(phase?.p99)} ms, longest ${fmtMs(phase?.max)} ms`);
  return { isDone, before, after, kept: state.deliveries, stalls };
};
