// One column of the report: the portal on one database, from an empty database to the
// housekeeping round. SQLite runs one instance on data/bench.db; PostgreSQL runs
// `--instances` of them on a throw-away cluster, ingest spread round-robin across them.

import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifyPortalRun } from "./checks.mjs";
import { openBenchDatabase } from "./database.mjs";
import { log } from "./format.mjs";
import { runHousekeepingPhase } from "./housekeeping-run.mjs";
import { migrate, removeSqliteFiles, startPortals, stopPortals } from "./portal-process.mjs";
import { runPortal } from "./portal-run.mjs";
import { runExtraSql, startBenchCluster, stopBenchCluster } from "./postgres-cluster.mjs";
import { DB_FILE, HOST, PG_MIGRATE_LOG, PG_SERVER_LOG, ROOT, SERVER_LOG } from "./settings.mjs";
import { startStallProbe } from "./stall-probe.mjs";

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
    // The first instance only: each probe renders a page 10 times a second, and every column
    // should pay for the same one (ingest is spread evenly, so the others stall alike).
    const probe = startStallProbe(`http://${HOST}:${portals[0].port}/sign-in`, "burst");
    const portalRun = await runPortal(options, portals, receiver, { label: deployment.label, databasePid: cluster?.pid ?? null });
    const stalls = await probe.stop();
    const checksOk = await verifyPortalRun(db, options.events * options.webhooks, portalRun);
    if (receiver.badBodies() > 0) log(`           note: ${receiver.badBodies()} request bodies were not JSON`);

    // The burst is over; the baseline and the other database get the machine to themselves.
    await stopPortals(portals);
    const payloads = withPayloads ? await db.readPayloads() : null;
    const housekeeping = await runHousekeepingPhase(options, deployment, db);
    return {
      kind,
      label: deployment.label,
      instances: deployment.ports.length,
      load,
      durability: cluster?.durability ?? null,
      ...portalRun,
      stalls,
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
