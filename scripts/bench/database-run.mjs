// One column of the report: the portal on one database, from an empty database to the
// housekeeping round. SQLite runs one instance on data/bench.db; PostgreSQL runs
// `--instances` of them on a throw-away cluster, ingest spread round-robin across them.

import { rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { signInAdmin, webhooksPagePath } from "./admin-session.mjs";
import { verifyPortalRun } from "./checks.mjs";
import { openBenchDatabase } from "./database.mjs";
import { fmtMs, log } from "./format.mjs";
import { request } from "./http-client.mjs";
import { runHousekeepingPhase } from "./housekeeping-run.mjs";
import { migrate, removeSqliteFiles, startPortals, stopPortals } from "./portal-process.mjs";
import { runPortal } from "./portal-run.mjs";
import { runExtraSql, startBenchCluster, stopBenchCluster } from "./postgres-cluster.mjs";
import { runRate } from "./rate-run.mjs";
import { DB_FILE, HOST, PG_MIGRATE_LOG, PG_SERVER_LOG, ROOT, SERVER_LOG } from "./settings.mjs";
import { startStallProbe } from "./stall-probe.mjs";
import { sleep } from "./wait.mjs";

/** How long the pages are probed on the idle portal (webhooks in, nothing ingested yet) before the run. */
const IDLE_PROBE_MS = 3_000;
/** How often each page is asked for while the health endpoint is probed for stalls. */
const PAGE_PROBE_EVERY_MS = 1_000;

export const LABELS = { sqlite: "SQLite", postgresql: "PostgreSQL" };

/** Where the portals of `kind` keep their data and logs (see portal-process.mjs). */
const deploymentOf = (kind, options, databaseUrl) => {
  const instances = kind === "postgresql" ? options.instances : 1;
  const ports = Array.from({ length: instances }, (_, i) => options.port + i);
  if (kind === "sqlite") return { kind, label: LABELS.sqlite, databaseUrl: `file:${DB_FILE}`, ports, logOf: () => SERVER_LOG, migrateLog: SERVER_LOG };
  const logOf = (port) => PG_SERVER_LOG.replace("{port}", String(port));
  return { kind, label: LABELS.postgresql, databaseUrl, ports, logOf, migrateLog: PG_MIGRATE_LOG };
};

/**
 * Signs the admin in on `port` and checks that the webhooks list page answers with the
 * benchmark's webhooks on it (not a redirect to sign-in, not an empty list); returns the page's
 * probe target.
 */
const webhooksPageTarget = async (port) => {
  const cookie = await signInAdmin(port);
  const url = `http://${HOST}:${port}${webhooksPagePath()}`;
  const agent = new http.Agent({ keepAlive: false });
  const page = await request(agent, url, { headers: { Cookie: cookie } });
  agent.destroy();
  if (page.status !== 200 || !page.text.includes("benchhook0000")) {
    throw new Error(`the webhooks page ${url} did not list the benchmark's webhooks for the signed-in admin (HTTP ${page.status})`);
  }
  return { name: "webhooks", url, headers: { Cookie: cookie } };
};

/** "p50 / p99 / max" of one probe phase, for the log. */
const phaseLine = (phase) => (phase ? `p50 ${fmtMs(phase.p50)} ms, p99 ${fmtMs(phase.p99)} ms, max ${fmtMs(phase.max)} ms (${phase.probes} probes)` : "no probes");

/**
 * Runs the portal on `kind` ("sqlite" | "postgresql") and returns its figures; with
 * `withPayloads` also the bodies it sent, for the baseline.
 */
export const runDatabase = async (kind, options, receiver, { withPayloads }) => {
  let cluster = null;
  if (kind === "postgresql") {
    cluster = await startBenchCluster();
  } else {
    removeSqliteFiles();
  }
  const deployment = deploymentOf(kind, options, cluster?.url);
  if (kind === "postgresql") {
    for (const port of deployment.ports) rmSync(path.join(ROOT, deployment.logOf(port)), { force: true });
    rmSync(path.join(ROOT, deployment.migrateLog), { force: true });
  }
  let portals = [];
  const db = openBenchDatabase({ kind, url: cluster?.url });
  try {
    await migrate(options, deployment);
    if (cluster) await runExtraSql(cluster.url);
    portals = await startPortals(options, deployment);
    await db.insertWebhooks(options.webhooks, receiver.url);
    log(`[db]       ${deployment.label}: ${options.webhooks} webhooks inserted (push, enabled, no scope)`);

    // Other work on the machine skews the runs; the load average shows how much there was.
    const load = os.loadavg()[0];
    // The first instance only, so every column pays for the same probes (ingest is spread
    // evenly, so the others stall alike): the health endpoint every 100 ms for stalls, and
    // once a second the sign-in page (reads next to nothing) and the webhooks list as a
    // signed-in admin (reads the database). All are probed idle first, then during the run.
    const [firstPort] = deployment.ports;
    const probe = startStallProbe(
      [
        { name: "stall", url: `http://${HOST}:${firstPort}/api/health` },
        { name: "sign-in", url: `http://${HOST}:${firstPort}/sign-in`, everyMs: PAGE_PROBE_EVERY_MS },
        { ...(await webhooksPageTarget(firstPort)), everyMs: PAGE_PROBE_EVERY_MS },
      ],
      "idle",
    );
    await sleep(IDLE_PROBE_MS);
    const runPhase = options.rate ? "rate" : "burst";
    // A steady run warms up first (rate-run.mjs); its probes are filed apart, like the idle ones.
    probe.phase(options.rate ? "warm-up" : runPhase);
    const runOptions = { label: deployment.label, databasePid: cluster?.pid ?? null, onMeasuring: () => probe.phase(runPhase) };
    const portalRun = options.rate ? await runRate(options, portals, receiver, runOptions) : await runPortal(options, portals, receiver, runOptions);
    const probed = await probe.stop();
    // The stall figures are the run's; the idle phase is apart.
    const onlyRun = (result) => ({ ...result, phases: result.phases.filter((phase) => phase.name === runPhase), longestMs: result.phases.find((phase) => phase.name === runPhase)?.max ?? NaN });
    const stalls = onlyRun(probed);
    const pageOf = (name) => {
      const page = probed.pages[name];
      return { idle: page.phases.find((phase) => phase.name === "idle"), run: page.phases.find((phase) => phase.name === runPhase), failures: page.failures, lastFailure: page.lastFailure };
    };
    const pages = { signIn: pageOf("sign-in"), webhooks: pageOf("webhooks") };
    for (const [name, page] of [["sign-in page", pages.signIn], ["webhooks page (admin)", pages.webhooks]]) {
      log(`[pages]    ${deployment.label} ${name}: idle ${phaseLine(page.idle)}; during the ${runPhase} ${phaseLine(page.run)}${page.failures ? `; ${page.failures} failed (${page.lastFailure})` : ""}`);
    }
    const expected = options.rate ? portalRun.expected : options.events * options.webhooks;
    // The warm-up's deliveries are in the database too, each delivered once.
    const checksOk = await verifyPortalRun(db, expected + (portalRun.warmUp?.deliveries ?? 0), portalRun, expected);
    if (receiver.badBodies() > 0) log(`           note: ${receiver.badBodies()} request bodies were not JSON`);

    // The burst is over; the baseline and the other database get the machine to themselves.
    await stopPortals(portals);
    const payloads = withPayloads ? await db.readPayloads() : null;
    // A steady-rate run measures latency: no housekeeping round (nor baseline) after it.
    const housekeeping = options.rate ? null : await runHousekeepingPhase(options, deployment, db);
    return {
      kind,
      label: deployment.label,
      instances: deployment.ports.length,
      load,
      durability: cluster?.durability ?? null,
      ...portalRun,
      stalls,
      pages,
      housekeeping,
      checksOk,
      payloads,
    };
  } finally {
    await stopPortals(portals);
    await db.close();
    if (cluster) stopBenchCluster();
  }
};
