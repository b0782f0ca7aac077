// Delivery throughput benchmark: how fast does the portal turn registry notifications into
// webhook deliveries, compared with a bare HTTP client posting the same bodies?
//
//   node scripts/bench/delivery.mjs [--events 10000] [--webhooks 5] [--concurrency 64]
//                                   [--batch 50] [--ingest-parallel 4] [--port 3300] [--rebuild]
// (BENCH_PORTAL_NODE_ARGS adds node flags to the portal process, for profiling.)
//
// 1. Portal run: a production build (`.next-bench`, so the e2e build in `.next` is left alone)
//    on a fresh data/bench.db; N push events are ingested through the notifications endpoint
//    and fanned out to M webhooks that all point at a receiver inside this process.
//    Meanwhile a probe asks for the sign-in page every 100 ms (the longest answer is the
//    longest stall a visitor could meet).
// 2. Baseline: the very same N×M bodies POSTed straight to that receiver, no database.
// 3. Housekeeping: the portal again on the same database with the default retention; the
//    pruning round's stalls and the file sizes before and after.
// Exit code: 0 when everything ran and the database checks hold (targets are reported, not
// enforced), 1 when a check fails or the baseline saw errors, 2 on any error, 130 on Ctrl-C.
// Only node: built-ins and better-sqlite3 (already a dependency of the portal) are used.
//
// This file reads the options and runs the steps in order; each step lives in its own module
// beside it, and ./settings.mjs holds the fixed names and time limits.

import os from "node:os";
import { parseArgs } from "node:util";
import { runBaseline } from "./baseline.mjs";
import { verifyPortalRun } from "./checks.mjs";
import { insertWebhooks, readPayloads } from "./database.mjs";
import { fmtInt, fmtS, log } from "./format.mjs";
import { ensureBuild, killAllChildren, resetDatabase, startPortal, stopAllChildren, stopGroup } from "./portal-process.mjs";
import { runPortal } from "./portal-run.mjs";
import { startReceiver } from "./receiver.mjs";
import { runHousekeepingPhase } from "./housekeeping-run.mjs";
import { machineInfo, printReport } from "./report.mjs";
import { HOST, LIMITS } from "./settings.mjs";
import { startStallProbe } from "./stall-probe.mjs";

const USAGE = `usage: node scripts/bench/delivery.mjs [--events N=10000] [--webhooks M=5] [--concurrency C=64]
                                      [--batch 50] [--ingest-parallel 4] [--port 3300] [--rebuild]`;

/** A bad command line: reported with the usage text instead of a stack trace. */
class UsageError extends Error {}

/** Reads and validates the command line; a bad value stops here with the usage text. */
const readOptions = () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        events: { type: "string", default: "10000" },
        webhooks: { type: "string", default: "5" },
        concurrency: { type: "string", default: "64" },
        batch: { type: "string", default: "50" },
        "ingest-parallel": { type: "string", default: "4" },
        port: { type: "string", default: "3300" },
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
  const options = {
    events: int("events", 1, 1_000_000),
    webhooks: int("webhooks", 1, 1000),
    // The portal accepts 1..1024 (lib/env.ts).
    concurrency: int("concurrency", 1, 1024),
    // An envelope must stay under the endpoint's 1 MiB limit; ~450 bytes per event.
    batch: int("batch", 1, 1000),
    ingestParallel: int("ingest-parallel", 1, 64),
    port: int("port", 1024, 65535),
    rebuild: values.rebuild,
  };
  // Other sessions run their servers on 3000-3199; never collide with them.
  if (options.port >= 3000 && options.port <= 3199) throw new UsageError("--port must be outside 3000-3199");
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
  log(
    `  ${fmtInt(options.events)} push events × ${options.webhooks} webhooks = ${fmtInt(options.events * options.webhooks)} deliveries;` +
      ` worker concurrency ${options.concurrency}; envelopes of ${options.batch}, ${options.ingestParallel} in flight`,
  );
  log(`  nproc ${machine.nproc}, Node ${machine.node}`);
  log("");

  await ensureBuild(options);
  await resetDatabase(options);
  const portal = await startPortal(options);
  const receiver = await startReceiver();
  receiverToClose = receiver;
  log(`[receiver] ${receiver.url}`);
  insertWebhooks(options.webhooks, receiver.url);
  log(`[db]       ${options.webhooks} webhooks inserted (push, enabled, no scope)`);

  // Other work on the machine skews both runs; the load average shows how much there was.
  const load = { portal: os.loadavg()[0] };
  // The sign-in page, asked every 100 ms throughout: how long a visitor waits during the burst.
  const probe = startStallProbe(`http://${HOST}:${options.port}/sign-in`, "burst");
  const portalRun = await runPortal(options, portal, receiver);
  const stalls = await probe.stop();
  const checksOk = await verifyPortalRun(options.events * options.webhooks, portalRun);
  if (receiver.badBodies() > 0) log(`           note: ${receiver.badBodies()} request bodies were not JSON`);

  // The portal's job is done; stop it so the baseline has the machine to itself.
  await stopGroup(portal);
  const bodies = readPayloads();
  load.baseline = os.loadavg()[0];
  const baseline = await runBaseline(options, receiver, bodies);
  load.end = os.loadavg()[0];
  // Run 3: the same database pruned to the default retention, stalls and file sizes measured.
  const housekeeping = await runHousekeepingPhase(options);

  printReport(options, { ...machine, load }, { ...portalRun, stalls, housekeeping }, baseline, checksOk);
  return checksOk && baseline.errors === 0 ? 0 : 1;
};

process.once("SIGINT", () => {
  log("\ninterrupted; stopping the portal ...");
  void finish(130);
});
process.once("SIGTERM", () => void finish(143));
// Belt and braces: if cleanup never ran (a crash in a callback), still take the portal down.
process.on("exit", killAllChildren);
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
