// Delivery throughput benchmark: how fast does the portal turn registry notifications into
// webhook deliveries, on SQLite and on PostgreSQL, compared with a bare HTTP client posting the
// same bodies?
//
//   node scripts/bench/delivery.mjs [--db sqlite|postgres|both] [--instances 2] [--events 10000]
//                                   [--webhooks 5] [--concurrency 64] [--batch 50]
//                                   [--ingest-parallel 4] [--port 3400] [--rebuild]
//                                   [--rate R --duration S]
// (BENCH_PORTAL_NODE_ARGS adds node flags to the portal processes, for profiling;
// BENCH_PG_SETTINGS sets PostgreSQL settings, e.g. log_min_duration_statement=20, and
// BENCH_PG_SQL runs SQL once migrated, e.g. a table setting to try (see postgres-cluster.mjs);
// BENCH_DIST_DIR runs another build than .next-bench, to compare two builds.)
//
// 1. Portal runs, one per database (`--db both`, the default, runs both and prints them side
//    by side): a production build (`.next-bench`, so the e2e build in `.next` is left alone) on
//    an empty database; N push events are ingested through the notifications endpoint and
//    fanned out to M webhooks that all point at a receiver inside this process. SQLite runs
//    one instance on data/bench.db (one file, one writer); PostgreSQL runs `--instances` of
//    them (ports --port, --port+1, ...) on a throw-away cluster with fsync on, migrated once
//    and then each started as `npm run serve` starts it, ingest spread round-robin. Meanwhile a probe asks
//    the first instance's health endpoint every 100 ms (the longest answer is the longest
//    stall a visitor could meet). Then each database gets a housekeeping round: one instance
//    again with the default retention; the pruning round's stalls and the storage before and
//    after.
// 2. Baseline, once for all columns: the very same N×M bodies POSTed straight to that
//    receiver, no database, with the portals stopped: with an undici Pool (the fastest raw
//    client, see clients.mjs), then with node:http's keep-alive Agent, side by side.
// 3. With --rate R (events/s) and --duration S: a steady-rate run instead of the burst, one per
//    database: R push events a second for S seconds (envelopes of --batch, 1 by default here),
//    on a schedule that does not drift; the report gives each database's ingest-to-delivery
//    latency (from the envelope's send), deliveries and duplicates, and the pages' answer times
//    (see rate-run.mjs). No housekeeping round and no baseline in this mode.
// Every portal run also probes two pages of the first instance once a second (sign-in, and the
// webhooks list as a signed-in admin), idle for a few seconds first and then during the run.
// Exit code: 0 when everything ran and the database checks hold (targets are reported, not
// enforced), 1 when a check fails or the baseline saw errors, 2 on any error, 130 on Ctrl-C.
// Only node: built-ins, better-sqlite3, pg and undici (dependencies of the portal) are used.
//
// This file reads the options and runs the steps in order; each step lives in its own module
// beside it, and ./settings.mjs holds the fixed names and time limits.

import os from "node:os";
import { parseArgs } from "node:util";
import { BASELINE_ROUNDS, medianRound, runBaseline } from "./baseline.mjs";
import { LABELS, runDatabase } from "./database-run.mjs";
import { fmtInt, fmtS, log } from "./format.mjs";
import { ensureBuild, killAllChildren, stopAllChildren } from "./portal-process.mjs";
import { stopBenchCluster } from "./postgres-cluster.mjs";
import { startReceiver } from "./receiver.mjs";
import { machineInfo, printRateReport, printReport } from "./report.mjs";
import { LIMITS } from "./settings.mjs";

const USAGE = `usage: node scripts/bench/delivery.mjs [--db sqlite|postgres|both] [--instances N=2 (PostgreSQL)]
                                      [--events N=10000] [--webhooks M=5] [--concurrency C=64 per instance]
                                      [--batch 50] [--ingest-parallel 4] [--port 3400] [--rebuild]
       steady rate instead of a burst: --rate EVENTS_PER_S --duration SECONDS (--events is ignored;
                                      --batch defaults to 1 event per envelope, --ingest-parallel to 64:
                                      the most envelopes in flight before due ones are skipped;
                                      --warmup SECONDS=15 at the rate first, delivered, not measured)`;

/** A bad command line: reported with the usage text instead of a stack trace. */
class UsageError extends Error {}

/** Reads and validates the command line; a bad value stops here with the usage text. */
const readOptions = () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: "string", default: "both" },
        instances: { type: "string" },
        events: { type: "string", default: "10000" },
        webhooks: { type: "string", default: "5" },
        concurrency: { type: "string", default: "64" },
        // Their defaults depend on the mode (see below).
        batch: { type: "string" },
        "ingest-parallel": { type: "string" },
        rate: { type: "string" },
        duration: { type: "string" },
        warmup: { type: "string" },
        port: { type: "string", default: "3400" },
        rebuild: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${values[name]}"`);
    }
    return value;
  };
  const isRate = values.rate !== undefined;
  if (isRate !== (values.duration !== undefined)) throw new UsageError("--rate and --duration go together");
  if (!isRate && values.warmup !== undefined) throw new UsageError("--warmup goes with --rate");
  values.warmup ??= "15";
  values.batch ??= isRate ? "1" : "50";
  values["ingest-parallel"] ??= isRate ? "64" : "4";
  const databases = { sqlite: ["sqlite"], postgres: ["postgresql"], postgresql: ["postgresql"], both: ["sqlite", "postgresql"] }[values.db];
  if (!databases) throw new UsageError(`--db must be sqlite, postgres or both, got "${values.db}"`);
  const options = {
    databases,
    // Whether it was asked for: then a run with SQLite says that SQLite ignores it.
    instancesGiven: values.instances !== undefined,
    instances: values.instances === undefined ? 2 : int("instances", 1, 8),
    events: int("events", 1, 1_000_000),
    webhooks: int("webhooks", 1, 1000),
    // The portal accepts 1..1024 (lib/env.ts).
    concurrency: int("concurrency", 1, 1024),
    // An envelope must stay under the endpoint's 1 MiB limit; ~450 bytes per event.
    batch: int("batch", 1, 1000),
    ingestParallel: int("ingest-parallel", 1, isRate ? 1024 : 64),
    // Steady-rate mode: events per second and seconds (null: the burst).
    rate: isRate ? int("rate", 1, 100_000) : null,
    duration: isRate ? int("duration", 1, 3600) : null,
    // Seconds at the rate before the measured run (rate-run.mjs).
    warmup: isRate ? int("warmup", 0, 600) : 0,
    port: int("port", 1024, 65535),
    rebuild: values.rebuild,
  };
  // Other sessions run their servers on 3000-3399; never collide with them.
  const lastPort = options.port + (databases.includes("postgresql") ? options.instances : 1) - 1;
  if (options.port <= 3399 && lastPort >= 3000) throw new UsageError("--port (and the instances' ports after it) must be outside 3000-3399");
  if (lastPort > 65535) throw new UsageError("--port is too high for that many instances");
  return options;
};

// ---------------------------------------------------------------------------------------------
// Cleanup on every way out (success, error, Ctrl-C, watchdog)
// ---------------------------------------------------------------------------------------------

let receiverToClose = null;
let isCleaningUp = false;

const cleanup = async () => {
  if (isCleaningUp) return;
  isCleaningUp = true;
  await stopAllChildren();
  stopBenchCluster();
  await receiverToClose?.close();
};

const finish = async (code) => {
  await cleanup();
  process.exit(code);
};

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const main = async () => {
  const options = readOptions();
  const machine = machineInfo();
  log("Webhook delivery benchmark");
  if (options.rate) {
    log(
      `  steady rate: ${fmtInt(options.rate)} push events/s for ${options.duration} s × ${options.webhooks} webhooks;` +
        ` worker concurrency ${options.concurrency} per instance; envelopes of ${options.batch}, at most ${options.ingestParallel} in flight`,
    );
  } else {
    log(
      `  ${fmtInt(options.events)} push events × ${options.webhooks} webhooks = ${fmtInt(options.events * options.webhooks)} deliveries;` +
        ` worker concurrency ${options.concurrency} per instance; envelopes of ${options.batch}, ${options.ingestParallel} in flight`,
    );
  }
  const instancesOf = (kind) => (kind === "postgresql" ? options.instances : 1);
  log(`  databases: ${options.databases.map((kind) => `${LABELS[kind]} with ${instancesOf(kind)} instance(s)`).join(", ")}`);
  if (options.instancesGiven && options.instances > 1 && options.databases.includes("sqlite")) {
    log(`  note: SQLite runs one instance (one file, one writer); --instances ${options.instances} applies to PostgreSQL only`);
  }
  log(`  nproc ${machine.nproc}, Node ${machine.node}`);
  log("");

  await ensureBuild(options);
  const receiver = await startReceiver();
  receiverToClose = receiver;
  log(`[receiver] ${receiver.url}`);

  const runs = [];
  for (const kind of options.databases) {
    log("");
    runs.push(await runDatabase(kind, options, receiver, { withPayloads: runs.length === 0 && !options.rate }));
  }
  if (options.rate) {
    printRateReport(options, { ...machine, load: { runs: runs.map((run) => run.load), end: os.loadavg()[0] } }, runs);
    return runs.every((run) => run.checksOk) ? 0 : 1;
  }

  // The portals and the cluster are gone: the baseline has the machine to itself. The first
  // run's bodies serve every column (the same events, the same payload shape).
  log("");
  const load = { runs: runs.map((run) => run.load), baseline: os.loadavg()[0] };
  // With the fastest raw client (undici, see clients.mjs), then with node:http's Agent as the
  // portal sent before, side by side, in alternating rounds: one pass on this machine ranged
  // from 10,600 to 18,300/s between runs, so the median round is what the portal is held to.
  const rounds = { undici: [], "node:http": [] };
  for (let round = 0; round < BASELINE_ROUNDS; round += 1) {
    for (const client of Object.keys(rounds)) rounds[client].push(await runBaseline(options, receiver, runs[0].payloads, client));
  }
  const baseline = medianRound(rounds.undici);
  const nodeHttp = medianRound(rounds["node:http"]);
  load.end = os.loadavg()[0];

  printReport(options, { ...machine, load }, runs, { ...baseline, nodeHttp });
  return runs.every((run) => run.checksOk) && baseline.errors === 0 && nodeHttp.errors === 0 ? 0 : 1;
};

process.once("SIGINT", () => {
  log("\ninterrupted; stopping the portals and the PostgreSQL cluster ...");
  void finish(130);
});
process.once("SIGTERM", () => void finish(143));
// Belt and braces: if cleanup never ran (a crash in a callback), still take the portals and the
// PostgreSQL cluster down (stopping the cluster is synchronous, so it can run here).
process.on("exit", () => {
  killAllChildren();
  stopBenchCluster();
});
setTimeout(() => {
  console.error(`benchmark exceeded ${fmtS(LIMITS.wholeRunMs)}; stopping`);
  void finish(2);
}, LIMITS.wholeRunMs).unref();

main().then(
  (code) => finish(code),
  (error) => {
    if (isCleaningUp) return; // interrupted: the failure is our own doing, already reported
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : `benchmark failed: ${error.stack ?? error}`);
    return finish(2);
  },
);
