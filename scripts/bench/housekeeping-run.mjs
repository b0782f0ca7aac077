// The housekeeping run: the portal is started again on the benchmark's database with the
// default retention (1000 events per webhook), so its first housekeeping round prunes most of
// what the burst stored (on SQLite it also checkpoints the WAL and hands free pages back). A
// stall probe measures how long a visitor waits meanwhile (one DELETE of 45,000 rows froze the
// server for seconds), and the storage is measured before and after: the SQLite file and its
// WAL, or on PostgreSQL the queue tables with their indexes (pg_total_relation_size; PostgreSQL
// keeps freed space for reuse rather than shrinking files, so expect little change there).
// One instance runs it: the housekeeping lease lets only one instance prune at a time anyway.

import { performance } from "node:perf_hooks";
import { fmtInt, fmtMs, fmtS, fmtStorage, log } from "./format.mjs";
import { startPortal, stopGroup } from "./portal-process.mjs";
import { HOST } from "./settings.mjs";
import { startStallProbe } from "./stall-probe.mjs";
import { waitFor } from "./wait.mjs";

const RETENTION = 1000;
/** Two housekeeping rounds (every 30 s) and some slack. */
const WAIT_MS = 75_000;

export const runHousekeepingPhase = async (options, deployment, db) => {
  const before = await db.storage();
  const keep = options.webhooks * Math.min(RETENTION, options.events);
  const [port] = deployment.ports;
  const portal = await startPortal({ ...options, retention: RETENTION }, deployment, port);
  const probe = startStallProbe(`http://${HOST}:${port}/api/health`, "housekeeping");
  const started = performance.now();
  const isDone = await waitFor(
    async () => {
      const state = await db.readHousekeepingState();
      return state.deliveries <= keep && (state.freePages === null || state.freePages === 0);
    },
    { timeoutMs: WAIT_MS, everyMs: 500 },
  );
  const tookMs = performance.now() - started;
  const stalls = await probe.stop();
  const state = await db.readHousekeepingState();
  await stopGroup(portal);
  const after = await db.storage();
  const label = `[housekeeping] ${deployment.label}:`;
  const freePages = state.freePages === null ? "" : `, ${fmtInt(state.freePages)} free pages left`;
  log(`${label} ${isDone ? "done" : "not finished"} after ${fmtS(tookMs)}: ${fmtInt(state.deliveries)} deliveries kept (retention ${RETENTION} per webhook)${freePages}`);
  log(`${label} storage ${fmtStorage(before)} → ${fmtStorage(after)}`);
  const [phase] = stalls.phases;
  log(`${label} health endpoint meanwhile (stall probe): ${phase?.probes ?? 0} probes, p50 ${fmtMs(phase?.p50)} ms, p99 ${fmtMs(phase?.p99)} ms, longest ${fmtMs(phase?.max)} ms`);
  return { isDone, tookMs, before, after, kept: state.deliveries, stalls };
};
