// The closing report: both runs side by side, the targets, where the CPU went, the machine it
// ran on, and one JSON line with the headline numbers for scripts to collect.

import os from "node:os";
import { fmtInt, fmtMs, fmtS, log } from "./format.mjs";
import { TARGET_DELIVERIES_PER_S, TARGET_SHARE_OF_BASELINE } from "./settings.mjs";

export const machineInfo = () => ({
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

const fmtCores = (cores) => (cores === null || cores === undefined ? "n/a" : `${cores.toFixed(2)} cores`);
// Rounded for the JSON line; null where there is no number, since JSON has no NaN.
const round = (n, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
const passOrMiss = (isMet) => (isMet ? "PASS" : "MISS");

/** The headline numbers as one object, printed as the last line. */
const summaryOf = (options, machine, portal, baseline, ok, { ratio, meetsRate, meetsShare }) => ({
  events: options.events,
  webhooks: options.webhooks,
  deliveries: options.events * options.webhooks,
  concurrency: options.concurrency,
  batch: options.batch,
  ingestParallel: options.ingestParallel,
  portal: {
    deliveriesPerS: round(portal.deliveriesPerS, 0),
    p50Ms: round(portal.latency.p50),
    p99Ms: round(portal.latency.p99),
    ingestEventsPerS: round(portal.ingestEventsPerS, 0),
    ingestS: round(portal.ingestMs / 1000, 2),
    envelopeMsFirstLastTenth: [round(portal.envelopeMs.first, 0), round(portal.envelopeMs.last, 0)],
    duplicates: portal.duplicates,
    deliveredDuringIngest: portal.deliveredDuringIngest,
    drainPerS: round(portal.drainPerS, 0),
    cpuCores: round(portal.cpu.total.portal ?? NaN, 2),
    longestStallMs: round(portal.stalls.longestMs, 0),
    housekeepingLongestStallMs: round(portal.housekeeping.stalls.longestMs, 0),
    fileMiB: {
      beforeHousekeeping: round((portal.housekeeping.before.db + portal.housekeeping.before.wal) / 2 ** 20),
      afterHousekeeping: round((portal.housekeeping.after.db + portal.housekeeping.after.wal) / 2 ** 20),
    },
  },
  baseline: { deliveriesPerS: round(baseline.deliveriesPerS, 0), p50Ms: round(baseline.latency.p50), p99Ms: round(baseline.latency.p99) },
  ratioPct: round(ratio * 100),
  targets: { deliveriesPerS: passOrMiss(meetsRate), shareOfBaseline: passOrMiss(meetsShare) },
  checks: ok ? "PASS" : "FAIL",
  machine: { nproc: machine.nproc, node: machine.node, load1: [round(machine.load.portal, 2), round(machine.load.baseline, 2), round(machine.load.end, 2)] },
});

/** Prints the report; `machine` carries the load averages taken during the run as `load`. */
export const printReport = (options, machine, portal, baseline, ok) => {
  const ratio = portal.deliveriesPerS / baseline.deliveriesPerS;
  const meetsRate = portal.deliveriesPerS >= TARGET_DELIVERIES_PER_S;
  const meetsShare = ratio >= TARGET_SHARE_OF_BASELINE;
  const row = (label, a, b) => log(`  ${label.padEnd(20)}${a.padStart(12)}${b.padStart(12)}`);

  log("");
  log(`Results (${fmtInt(options.events)} events × ${options.webhooks} webhooks = ${fmtInt(options.events * options.webhooks)} deliveries, concurrency ${options.concurrency})`);
  row("", "portal", "baseline");
  row("deliveries/s", fmtInt(portal.deliveriesPerS), fmtInt(baseline.deliveriesPerS));
  row("p50 latency ms", fmtMs(portal.latency.p50), fmtMs(baseline.latency.p50));
  row("p99 latency ms", fmtMs(portal.latency.p99), fmtMs(baseline.latency.p99));
  row("max latency ms", fmtMs(portal.latency.max), fmtMs(baseline.latency.max));
  row("wall time", fmtS(portal.elapsedMs), fmtS(baseline.elapsedMs));
  log(`  portal / baseline   ${(ratio * 100).toFixed(1)} %`);
  log(`  ingest              ${fmtInt(portal.ingestEventsPerS)} events/s, all ${fmtInt(options.events)} stored in ${fmtS(portal.ingestMs)}`);
  log(`  duplicates          ${fmtInt(portal.duplicates)} at the receiver`);
  for (const { name, probes, p50, p99, max } of [...portal.stalls.phases, ...portal.housekeeping.stalls.phases]) {
    log(`  sign-in page (${name})`.padEnd(22) + `${probes} probes: p50 ${fmtMs(p50)} ms, p99 ${fmtMs(p99)} ms, longest ${fmtMs(max)} ms`);
  }
  const { before, after } = portal.housekeeping;
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  log(`  database files      ${mib(before.db)} + WAL ${mib(before.wal)} after the burst → ${mib(after.db)} + WAL ${mib(after.wal)} after housekeeping`);
  log("");
  log("Targets");
  log(`  ≥ ${fmtInt(TARGET_DELIVERIES_PER_S)} deliveries/s    ${fmtInt(portal.deliveriesPerS).padStart(8)}/s   ${passOrMiss(meetsRate)}`);
  log(`  ≥ ${TARGET_SHARE_OF_BASELINE * 100} % of baseline      ${`${(ratio * 100).toFixed(1)} %`.padStart(10)}   ${passOrMiss(meetsShare)}`);
  log(`  database checks                   ${ok ? "PASS" : "FAIL"}`);
  log("");
  log("CPU during the portal run (average cores busy; this machine has " + machine.nproc + ")");
  for (const [phase, label] of [["ingest", "while ingesting"], ["drain", "after ingest"], ["total", "whole run"]]) {
    const cpu = portal.cpu[phase];
    log(`  ${label.padEnd(16)} portal ${fmtCores(cpu.portal).padStart(11)}   bench (client+receiver) ${fmtCores(cpu.bench).padStart(11)}`);
  }
  log("");
  log(`Machine: nproc ${machine.nproc}, ${machine.cpu}, ${machine.memGiB} GiB, Node ${machine.node}, ${machine.platform}`);
  const { load } = machine;
  log(`  1-min load average before the portal run ${load.portal.toFixed(2)}, before the baseline ${load.baseline.toFixed(2)}, at the end ${load.end.toFixed(2)}`);
  log(`JSON ${JSON.stringify(summaryOf(options, machine, portal, baseline, ok, { ratio, meetsRate, meetsShare }))}`);
};
