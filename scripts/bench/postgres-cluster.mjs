// The throw-away PostgreSQL cluster of `--db postgres`: started by the benchmark with fsync on
// (a real deployment syncs each commit), one database for the portals, stopped and deleted at
// the end on every way out (see delivery.mjs). Its server log is copied to data/ first.
//
// Diagnostic hook: BENCH_PG_SETTINGS="log_min_duration_statement=20,log_lock_waits=on" sets
// reloadable settings with ALTER SYSTEM before the portals start (profiling which statements
// are slow: see the copied log); "session_preload_libraries=auto_explain,
// auto_explain.log_min_duration=50,auto_explain.log_analyze=on" logs the plans of slow ones.
// BENCH_PG_SQL runs SQL on the portals' database once migrated, before they start (trying a
// table setting or an index without a migration, e.g. ALTER TABLE "Delivery" SET (fillfactor = 70)).

import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseUrl, startCluster, stopCluster } from "../postgres/cluster.mjs";
import { log } from "./format.mjs";
import { PG_DATABASE, PG_DIR, PG_PORT, ROOT } from "./settings.mjs";

export const PG_LOG_COPY = "data/bench-postgres.log";

let isRunning = false;

const settingsFromEnv = () =>
  (process.env.BENCH_PG_SETTINGS ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => {
      const [name, ...value] = pair.split("=");
      if (!/^[a-z_][a-z0-9_.]*$/.test(name.trim())) throw new Error(`BENCH_PG_SETTINGS: bad setting name "${name}"`);
      return [name.trim(), value.join("=")];
    });

/** Starts the cluster and creates the portals' database; returns its URL, the postmaster's pid and what durability it has. */
export const startBenchCluster = async () => {
  // Left over from a run that was killed (SIGKILL leaves no time to clean up).
  if (existsSync(path.join(PG_DIR, "postmaster.pid"))) stopCluster(PG_DIR);
  isRunning = true;
  const serverUrl = startCluster({ dir: PG_DIR, port: PG_PORT, durable: true });
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${PG_DATABASE}"`);
    const settings = settingsFromEnv();
    // A module's own settings (auto_explain.log_min_duration) are known only once it is loaded.
    for (const library of new Set(settings.filter(([name]) => name.includes(".")).map(([name]) => name.split(".")[0]))) {
      await client.query(`LOAD '${library}'`);
    }
    for (const [name, value] of settings) await client.query(`ALTER SYSTEM SET ${name} = '${value.replaceAll("'", "''")}'`);
    if (settings.length > 0) await client.query(`SELECT pg_reload_conf()`);
    const show = async (name) => (await client.query(`SHOW ${name}`)).rows[0][name];
    const durability = {
      version: await show("server_version"),
      fsync: await show("fsync"),
      synchronousCommit: await show("synchronous_commit"),
      extra: settings.map(([name, value]) => `${name}=${value}`),
    };
    const pid = Number(readFileSync(path.join(PG_DIR, "postmaster.pid"), "utf8").split("\n")[0]);
    log(
      `[postgres] PostgreSQL ${durability.version} on 127.0.0.1:${PG_PORT} (${PG_DIR}), pid ${pid}; fsync ${durability.fsync},` +
        ` synchronous_commit ${durability.synchronousCommit}${settings.length > 0 ? `; ${durability.extra.join(", ")}` : ""}`,
    );
    return { url: databaseUrl(serverUrl, PG_DATABASE), pid, durability };
  } finally {
    await client.end();
  }
};

/** Runs BENCH_PG_SQL, if set, on the migrated database at `url`. */
export const runExtraSql = async (url) => {
  const sql = process.env.BENCH_PG_SQL;
  if (!sql) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    log(`[postgres] BENCH_PG_SQL applied: ${sql}`);
  } finally {
    await client.end();
  }
};

/** Stops and deletes the cluster if this process started it (synchronous: safe in an exit handler). */
export const stopBenchCluster = () => {
  if (!isRunning) return;
  isRunning = false;
  try {
    copyFileSync(path.join(PG_DIR, "server.log"), path.join(ROOT, PG_LOG_COPY));
  } catch {
    // No log yet (initdb failed): nothing to keep.
  }
  stopCluster(PG_DIR);
};
