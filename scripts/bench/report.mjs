// The closing report: one column per database beside the baseline, the targets, whether
// PostgreSQL with several instances reached SQLite, where the CPU went, the machine it ran on,
// and one JSON line with the headline numbers for scripts to collect.

import os from "node:os";
import { fmtInt, fmtMiB, fmtMs, fmtS, fmtStorage, log, storageBytes } from "./format.mjs";
import { TARGET_DELIVERIES_PER_S, TARGET_POSTGRES_DELIVERIES_PER_S, TARGET_SHARE_OF_BASELINE, TARGET_STEADY_SQLITE_P99_MS } from "./settings.mjs";

export const machineInfo = () => ({
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

const fmtCores = (cores) => (cores === null || cores === undefined ? "n/a" : cores.toFixed(2));
/** The machine's CPU time the hypervisor took, as a share of all its cores. */
const fmtStolen = (cores, nproc) => (cores === null || cores === undefined ? "n/a" : `${((cores / nproc) * 100).toFixed(1)} %`);
const fmtPct = (share) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : "n/a");
// Rounded for the JSON line; null where there is no number, since JSON has no NaN.
const round = (n, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
const passOrMiss = (isMet) => (isMet ? "PASS" : "MISS");

const LABEL_WIDTH = 34;
const COLUMN_WIDTH = 15;
const row = (label, cells) => log(`  ${label.padEnd(LABEL_WIDTH)}${cells.map((cell) => String(cell).padStart(COLUMN_WIDTH)).join("")}`);

/** The stall probe's (health endpoint's) worst phase of a run: "p99 / longest" ms. */
const stallCell = (phases) => {
  if (phases.length === 0) return "n/a";
  const worst = phases.reduce((a, b) => (b.max > a.max ? b : a));
  return `${fmtMs(Math.max(...phases.map((phase) => phase.p99)))} / ${fmtMs(worst.max)}`;
};

/** A probed page's "idle p50 → run p50 / p99 / max" figures, for the JSON line. */
const pageSummary = (page) => ({
  idleP50Ms: round(page.idle?.p50 ?? NaN),
  runP50Ms: round(page.run?.p50 ?? NaN),
  runP99Ms: round(page.run?.p99 ?? NaN),
  runMaxMs: round(page.run?.max ?? NaN),
  failures: page.failures,
});

/** The rows of the probed pages: idle median, then median and p99 during the run. */
const pageRows = (runs, cells, during) => {
  for (const [key, label] of [["signIn", "sign-in page"], ["webhooks", "webhooks page (admin)"]]) {
    row(`${label} ms, idle p50`, cells((run) => fmtMs(run.pages[key].idle?.p50)));
    row(`  ... ${during} p50 / p99`, cells((run) => `${fmtMs(run.pages[key].run?.p50)} / ${fmtMs(run.pages[key].run?.p99)}`));
    row(`  ... ${during} longest`, cells((run) => fmtMs(run.pages[key].run?.max)));
    if (runs.some((run) => run.pages[key].failures > 0)) row(`  ... failed probes`, cells((run) => fmtInt(run.pages[key].failures)));
  }
};

/** The headline numbers of one column for the JSON line. */
const summaryOf = (run, baseline) => ({
  database: run.kind,
  instances: run.instances,
  deliveriesPerS: round(run.deliveriesPerS, 0),
  p50Ms: round(run.latency.p50),
  p99Ms: round(run.latency.p99),
  maxMs: round(run.latency.max),
  ratioPct: round((run.deliveriesPerS / baseline.deliveriesPerS) * 100),
  ingestEventsPerS: round(run.ingestEventsPerS, 0),
  ingestS: round(run.ingestMs / 1000, 2),
  envelopeMsFirstLastTenth: [round(run.envelopeMs.first, 0), round(run.envelopeMs.last, 0)],
  duplicates: run.duplicates,
  deliveredDuringIngest: run.deliveredDuringIngest,
  drainPerS: round(run.drainPerS, 0),
  cpuCores: { portal: round(run.cpu.total.portal ?? NaN, 2), database: round(run.cpu.total.database ?? NaN, 2), stolen: round(run.cpu.total.stolen ?? NaN, 2) },
  longestStallMs: round(run.stalls.longestMs, 0),
  pages: { signIn: pageSummary(run.pages.signIn), webhooks: pageSummary(run.pages.webhooks) },
  housekeepingLongestStallMs: round(run.housekeeping.stalls.longestMs, 0),
  storageMiB: {
    beforeHousekeeping: round(storageBytes(run.housekeeping.before) / 2 ** 20),
    afterHousekeeping: round(storageBytes(run.housekeeping.after) / 2 ** 20),
  },
  durability: run.durability ? { fsync: run.durability.fsync, synchronousCommit: run.durability.synchronousCommit } : null,
  checks: run.checksOk ? "PASS" : "FAIL",
});

/** Prints the report; `machine` carries the load averages taken during the run as `load`. */
export const printReport = (options, machine, runs, baseline) => {
  const ratioOf = (run) => run.deliveriesPerS / baseline.deliveriesPerS;
  const cells = (pick, baselineCell = "") => [...runs.map(pick), baselineCell];

  log("");
  log(
    `Results (${fmtInt(options.events)} events × ${options.webhooks} webhooks = ${fmtInt(options.events * options.webhooks)} deliveries,` +
      ` worker concurrency ${options.concurrency} per instance)`,
  );
  row("", cells((run) => run.label, `baseline`));
  row("raw client", cells(() => "its own", baseline.label));
  row("instances", cells((run) => run.instances, "-"));
  row("deliveries/s", cells((run) => fmtInt(run.deliveriesPerS), fmtInt(baseline.deliveriesPerS)));
  row("p50 ingest-to-delivery ms", cells((run) => fmtMs(run.latency.p50), fmtMs(baseline.latency.p50)));
  row("p99 ingest-to-delivery ms", cells((run) => fmtMs(run.latency.p99), fmtMs(baseline.latency.p99)));
  row("max ingest-to-delivery ms", cells((run) => fmtMs(run.latency.max), fmtMs(baseline.latency.max)));
  row("wall time", cells((run) => fmtS(run.elapsedMs), fmtS(baseline.elapsedMs)));
  row("share of baseline", cells((run) => fmtPct(ratioOf(run))));
  row("ingest events/s", cells((run) => fmtInt(run.ingestEventsPerS)));
  row("ingest wall time", cells((run) => fmtS(run.ingestMs)));
  row("envelope ms, first/last tenth", cells((run) => `${fmtMs(run.envelopeMs.first)}/${fmtMs(run.envelopeMs.last)}`));
  row("delivered while ingesting", cells((run) => fmtInt(run.deliveredDuringIngest)));
  row("deliveries/s after ingest", cells((run) => fmtInt(run.drainPerS)));
  row("duplicates at the receiver", cells((run) => fmtInt(run.duplicates)));
  row("stall probe ms p99/longest, burst", cells((run) => stallCell(run.stalls.phases)));
  row("  ... housekeeping", cells((run) => stallCell(run.housekeeping.stalls.phases)));
  row("housekeeping round", cells((run) => (run.housekeeping.isDone ? `done ${fmtS(run.housekeeping.tookMs)}` : "not finished")));
  row("storage MiB after burst", cells((run) => fmtMiB(storageBytes(run.housekeeping.before)).replace(" MiB", "")));
  row("  ... after housekeeping", cells((run) => fmtMiB(storageBytes(run.housekeeping.after)).replace(" MiB", "")));
  pageRows(runs, cells, "burst");
  row("CPU cores, portal(s)", cells((run) => fmtCores(run.cpu.total.portal)));
  row("CPU cores, PostgreSQL server", cells((run) => (run.kind === "postgresql" ? fmtCores(run.cpu.total.database) : "in portal")));
  row("CPU time stolen (hypervisor)", cells((run) => fmtStolen(run.cpu.total.stolen, machine.nproc)));
  row("database checks", cells((run) => (run.checksOk ? "PASS" : "FAIL")));
  for (const run of runs) {
    log(`  ${run.label} storage: ${fmtStorage(run.housekeeping.before)} after the burst → ${fmtStorage(run.housekeeping.after)} after housekeeping`);
  }
  for (const run of runs) {
    if (run.durability) {
      log(`  ${run.label} ${run.durability.version}: fsync ${run.durability.fsync}, synchronous_commit ${run.durability.synchronousCommit} (commits are synced, as in a real deployment)`);
    }
  }
  log(`  The baseline sends with ${options.concurrency} in flight; each portal instance has ${options.concurrency} of its own.`);
  if (baseline.rounds) log(`  Baseline passes (${baseline.label}): ${baseline.rounds.map(fmtInt).join(", ")} deliveries/s; the median is the column above.`);
  if (baseline.nodeHttp) {
    const other = baseline.nodeHttp;
    log(
      `  Baseline with ${other.label} (as lib/delivery/send.ts sent before undici), same run: ${fmtInt(other.deliveriesPerS)} deliveries/s,` +
        ` p50 ${fmtMs(other.latency.p50)} ms, p99 ${fmtMs(other.latency.p99)} ms, ${other.errors} errors` +
        `${other.rounds ? ` (median of ${other.rounds.map(fmtInt).join(", ")})` : ""}` +
        ` (${baseline.label}: ${fmtPct(baseline.deliveriesPerS / other.deliveriesPerS)} of it)`,
    );
  }

  log("");
  log("Targets");
  row("", runs.map((run) => run.label));
  row(`≥ ${fmtInt(TARGET_DELIVERIES_PER_S)} deliveries/s`, runs.map((run) => passOrMiss(run.deliveriesPerS >= TARGET_DELIVERIES_PER_S)));
  row(`≥ ${TARGET_SHARE_OF_BASELINE * 100} % of baseline`, runs.map((run) => passOrMiss(ratioOf(run) >= TARGET_SHARE_OF_BASELINE)));
  row("database checks", runs.map((run) => (run.checksOk ? "PASS" : "FAIL")));
  const sqlite = runs.find((run) => run.kind === "sqlite");
  const postgres = runs.find((run) => run.kind === "postgresql");
  if (postgres) {
    const meets = postgres.deliveriesPerS >= TARGET_POSTGRES_DELIVERIES_PER_S;
    log(`  PostgreSQL with ${postgres.instances} instance(s) ≥ ${fmtInt(TARGET_POSTGRES_DELIVERIES_PER_S)} deliveries/s: ${passOrMiss(meets)} (${fmtInt(postgres.deliveriesPerS)}/s)`);
  }
  if (sqlite && postgres) {
    const reached = postgres.deliveriesPerS >= sqlite.deliveriesPerS;
    log(
      `  PostgreSQL with ${postgres.instances} instance(s) reached the SQLite figure: ${reached ? "yes" : "no"}` +
        ` (${fmtInt(postgres.deliveriesPerS)} against ${fmtInt(sqlite.deliveriesPerS)} deliveries/s, ${fmtPct(postgres.deliveriesPerS / sqlite.deliveriesPerS)})`,
    );
  }

  log("");
  log(`CPU during the portal runs (average cores busy; this machine has ${machine.nproc})`);
  for (const run of runs) {
    for (const [phase, label] of [["ingest", "while ingesting"], ["drain", "after ingest"], ["total", "whole run"]]) {
      const cpu = run.cpu[phase];
      const database = run.kind === "postgresql" ? `   PostgreSQL ${fmtCores(cpu.database).padStart(5)}` : "";
      log(`  ${run.label.padEnd(11)} ${label.padEnd(16)} portal(s) ${fmtCores(cpu.portal).padStart(5)}${database}   bench (client+receiver) ${fmtCores(cpu.bench).padStart(5)}   stolen ${fmtStolen(cpu.stolen, machine.nproc).padStart(6)}`);
    }
  }
  log("");
  log(`Machine: nproc ${machine.nproc}, ${machine.cpu}, ${machine.memGiB} GiB, Node ${machine.node}, ${machine.platform}`);
  const { load } = machine;
  const before = runs.map((run, i) => `before the ${run.label} run ${load.runs[i].toFixed(2)}`).join(", ");
  log(`  1-min load average ${before}, before the baseline ${load.baseline.toFixed(2)}, at the end ${load.end.toFixed(2)}`);

  const ok = runs.every((run) => run.checksOk);
  const summary = {
    events: options.events,
    webhooks: options.webhooks,
    deliveries: options.events * options.webhooks,
    concurrency: options.concurrency,
    batch: options.batch,
    ingestParallel: options.ingestParallel,
    runs: runs.map((run) => summaryOf(run, baseline)),
    baseline: {
      client: baseline.client,
      deliveriesPerS: round(baseline.deliveriesPerS, 0),
      ...(baseline.rounds ? { passesPerS: baseline.rounds.map((perS) => round(perS, 0)) } : {}),
      p50Ms: round(baseline.latency.p50),
      p99Ms: round(baseline.latency.p99),
      ...(baseline.nodeHttp ? { nodeHttpDeliveriesPerS: round(baseline.nodeHttp.deliveriesPerS, 0) } : {}),
    },
    targets: Object.fromEntries(
      runs.map((run) => [
        run.kind,
        {
          deliveriesPerS: passOrMiss(run.deliveriesPerS >= TARGET_DELIVERIES_PER_S),
          shareOfBaseline: passOrMiss(ratioOf(run) >= TARGET_SHARE_OF_BASELINE),
          ...(run.kind === "postgresql" ? { postgresDeliveriesPerS: passOrMiss(run.deliveriesPerS >= TARGET_POSTGRES_DELIVERIES_PER_S) } : {}),
        },
      ]),
    ),
    postgresReachedSqlite: sqlite && postgres ? postgres.deliveriesPerS >= sqlite.deliveriesPerS : null,
    checks: ok ? "PASS" : "FAIL",
    machine: { nproc: machine.nproc, node: machine.node, load1: [...load.runs, load.baseline, load.end].map((n) => round(n, 2)) },
  };
  log(`JSON ${JSON.stringify(summary)}`);
};

/** The report of a steady-rate run (`--rate`): one column per database, no baseline. */
export const printRateReport = (options, machine, runs) => {
  const cells = (pick) => runs.map(pick);
  const scheduled = runs[0]?.scheduledEvents ?? 0;
  log("");
  log(
    `Results, steady rate (${fmtInt(options.rate)} push events/s for ${options.duration} s = ${fmtInt(scheduled)} events × ${options.webhooks} webhooks,` +
      ` envelopes of ${options.batch}, worker concurrency ${options.concurrency} per instance)`,
  );
  log("  Latency runs from the moment the envelope carrying the event was sent to the receiver getting the delivery.");
  if (options.warmup > 0) log(`  Measured after a warm-up of ${options.warmup} s at the same rate, delivered in full first; its own latency is the first row.`);
  row("", cells((run) => run.label));
  row("warm-up p50 / p99 ms", cells((run) => (run.warmUp ? `${fmtMs(run.warmUp.latency.p50)} / ${fmtMs(run.warmUp.latency.p99)}` : "none")));
  row("instances", cells((run) => run.instances));
  row("envelopes sent / scheduled", cells((run) => `${fmtInt(run.sentEnvelopes)} / ${fmtInt(run.scheduledEnvelopes)}`));
  row("events/s sent", cells((run) => fmtInt(run.sentEventsPerS)));
  row("skipped: portal behind", cells((run) => fmtInt(run.skipped)));
  row("failed envelopes", cells((run) => fmtInt(run.failed)));
  row("most envelopes in flight", cells((run) => fmtInt(run.maxInFlight)));
  row("send late ms, p99 / max", cells((run) => `${fmtMs(run.scheduleLateMs.p99)} / ${fmtMs(run.scheduleLateMs.max)}`));
  row("envelope answer ms p50 / p99", cells((run) => `${fmtMs(run.envelopeAnswerMs.p50)} / ${fmtMs(run.envelopeAnswerMs.p99)}`));
  row("  ... longest", cells((run) => fmtMs(run.envelopeAnswerMs.max)));
  row("deliveries stored", cells((run) => fmtInt(run.expected)));
  row("deliveries arrived (distinct)", cells((run) => fmtInt(run.received)));
  row("duplicates at the receiver", cells((run) => fmtInt(run.duplicates)));
  row("p50 send-to-delivery ms", cells((run) => fmtMs(run.latency.p50)));
  row("p99 send-to-delivery ms", cells((run) => fmtMs(run.latency.p99)));
  row("max send-to-delivery ms", cells((run) => fmtMs(run.latency.max)));
  row("p50 / p99 from the answer, ms", cells((run) => `${fmtMs(run.latencyFromAnswer.p50)} / ${fmtMs(run.latencyFromAnswer.p99)}`));
  row("deliveries/s while sending", cells((run) => fmtInt(run.deliveriesPerSDuringSchedule)));
  row("not delivered at schedule end", cells((run) => fmtInt(run.outstandingAtEnd)));
  row("last delivery after the end", cells((run) => fmtS(run.lastAfterScheduleMs)));
  row("stall probe ms p99/longest", cells((run) => stallCell(run.stalls.phases)));
  pageRows(runs, cells, "rate");
  row("CPU cores, portal(s)", cells((run) => fmtCores(run.cpu.total.portal)));
  row("CPU cores, PostgreSQL server", cells((run) => (run.kind === "postgresql" ? fmtCores(run.cpu.total.database) : "in portal")));
  row("CPU time stolen (hypervisor)", cells((run) => fmtStolen(run.cpu.total.stolen, machine.nproc)));
  row("CPU cores, bench", cells((run) => fmtCores(run.cpu.total.bench)));
  row("database checks", cells((run) => (run.checksOk ? "PASS" : "FAIL")));
  // Issue 13's bar is for SQLite; PostgreSQL is reported beside it.
  row(`p99 < ${TARGET_STEADY_SQLITE_P99_MS} ms (SQLite)`, cells((run) => (run.kind === "sqlite" ? passOrMiss(run.latency.p99 < TARGET_STEADY_SQLITE_P99_MS) : "-")));
  for (const run of runs) if (run.firstFailure) log(`  ${run.label} first failed envelope: ${run.firstFailure}`);
  const kept = runs.every((run) => run.skipped === 0 && run.failed === 0);
  log(`  ${kept ? "Every scheduled envelope was sent and accepted." : "The portal did not take every scheduled envelope (skipped or failed above): it fell behind the rate."}`);
  log("");
  log(`Machine: nproc ${machine.nproc}, ${machine.cpu}, ${machine.memGiB} GiB, Node ${machine.node}, ${machine.platform}`);
  log(`  1-min load average ${runs.map((run, i) => `before the ${run.label} run ${machine.load.runs[i].toFixed(2)}`).join(", ")}, at the end ${machine.load.end.toFixed(2)}`);
  const summary = {
    mode: "rate",
    rate: options.rate,
    durationS: options.duration,
    warmupS: options.warmup,
    webhooks: options.webhooks,
    batch: options.batch,
    concurrency: options.concurrency,
    runs: runs.map((run) => ({
      database: run.kind,
      instances: run.instances,
      scheduledEnvelopes: run.scheduledEnvelopes,
      sentEnvelopes: run.sentEnvelopes,
      skipped: run.skipped,
      failed: run.failed,
      deliveries: run.expected,
      received: run.received,
      duplicates: run.duplicates,
      p50Ms: round(run.latency.p50),
      p99Ms: round(run.latency.p99),
      maxMs: round(run.latency.max),
      warmUpP99Ms: run.warmUp ? round(run.warmUp.latency.p99) : null,
      envelopeAnswerP99Ms: round(run.envelopeAnswerMs.p99),
      outstandingAtEnd: run.outstandingAtEnd,
      longestStallMs: round(run.stalls.longestMs, 0),
      pages: { signIn: pageSummary(run.pages.signIn), webhooks: pageSummary(run.pages.webhooks) },
      cpuCores: { portal: round(run.cpu.total.portal ?? NaN, 2), database: round(run.cpu.total.database ?? NaN, 2), stolen: round(run.cpu.total.stolen ?? NaN, 2) },
      checks: run.checksOk ? "PASS" : "FAIL",
    })),
    checks: runs.every((run) => run.checksOk) ? "PASS" : "FAIL",
    machine: { nproc: machine.nproc, node: machine.node, load1: [...machine.load.runs, machine.load.end].map((n) => round(n, 2)) },
  };
  log(`JSON ${JSON.stringify(summary)}`);
};
