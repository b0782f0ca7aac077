// The portal as child processes: build, migrate a fresh database, start, stop. Every child runs
// in its own process group, so stopping it also ends whatever it started (npx → node → next
// workers).

import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fmtS, log } from "./format.mjs";
import { request } from "./http-client.mjs";
import { ADMIN_EMAIL, ADMIN_PASSWORD, BUILD_LOG, DB_FILE, DIST_DIR, HOST, LIMITS, REGISTRY_NAME, ROOT, SECRET_KEY, SERVER_LOG, TOKEN } from "./settings.mjs";
import { sleep, waitFor } from "./wait.mjs";

// ---------------------------------------------------------------------------------------------
// Process groups
// ---------------------------------------------------------------------------------------------

const children = new Set();

const spawnGroup = (command, args, { env, logFile }) => {
  // data/ is not in the repository: a fresh checkout has none yet.
  mkdirSync(path.dirname(path.join(ROOT, logFile)), { recursive: true });
  const fd = openSync(path.join(ROOT, logFile), "a");
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  child.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  children.add(child);
  child.exited.then(() => children.delete(child));
  return child;
};

const isGroupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const signalGroup = (pgid, signal) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
};

/** SIGTERM the group, give it a bounded grace period, then SIGKILL what is left. */
export const stopGroup = async (child) => {
  signalGroup(child.pid, "SIGTERM");
  await Promise.race([child.exited, sleep(LIMITS.shutdownMs)]);
  await waitFor(() => !isGroupAlive(child.pid), { timeoutMs: 1000 });
  if (isGroupAlive(child.pid)) signalGroup(child.pid, "SIGKILL");
};

/** Stops every child still running, for cleanup on any way out. */
export const stopAllChildren = () => Promise.all([...children].map(stopGroup));

/** Last resort from a synchronous `exit` handler, where there is no time for a grace period. */
export const killAllChildren = () => {
  for (const child of children) signalGroup(child.pid, "SIGKILL");
};

/** The last lines of a log file, to show why a child process failed. */
const tailOf = (file, lines = 30) => {
  try {
    return readFileSync(path.join(ROOT, file), "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
};

/** Runs a command to completion within `timeoutMs`, its output going to `logFile`. */
const runToEnd = async (label, command, args, { env, logFile, timeoutMs }) => {
  const child = spawnGroup(command, args, { env, logFile });
  const outcome = await Promise.race([child.exited, sleep(timeoutMs).then(() => null)]);
  if (outcome === null) {
    await stopGroup(child);
    throw new Error(`${label} did not finish within ${fmtS(timeoutMs)}; see ${logFile}:\n${tailOf(logFile)}`);
  }
  if (outcome.code !== 0) {
    throw new Error(`${label} failed (exit ${outcome.code ?? outcome.signal}); see ${logFile}:\n${tailOf(logFile)}`);
  }
};

// ---------------------------------------------------------------------------------------------
// The portal
// ---------------------------------------------------------------------------------------------

/**
 * Where a set of portals keeps its data: `kind` "sqlite" or "postgresql", the DATABASE_URL they
 * share, the log of each instance (by port) and of the migration.
 * @typedef {{ kind: string, label: string, databaseUrl: string, ports: number[], logOf: (port: number) => string, migrateLog: string }} Deployment
 */

/** Every event a run sends reaches each webhook: a steady run's warm-up and schedule, or the burst. */
const eventsPerWebhook = (options) => (options.rate ? options.rate * (options.warmup + options.duration) : options.events);

const serverEnv = (options, databaseUrl) => ({
  NEXT_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  REGISTRY_NAME,
  REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
  // Required on PostgreSQL (every instance must read what the others encrypted).
  SECRET_KEY,
  // A first Owner, so the sign-in page (the readiness check) is served rather than setup.
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  // Larger than any webhook's delivery count, so housekeeping deletes nothing mid-run (the
  // housekeeping run passes the default, 1000, to measure pruning).
  WEBHOOK_EVENT_RETENTION: String(options.retention ?? eventsPerWebhook(options) + 1000),
  DELIVERY_CONCURRENCY: String(options.concurrency),
  WEBHOOK_RETRY_SCHEDULE: "1s,1s",
  // The receiver is on loopback, which the portal's outbound policy refuses unless allowed
  // (older builds ignore this variable).
  OUTBOUND_ALLOWLIST: HOST,
});

/** Builds into DIST_DIR unless a build is already there (and --rebuild was not given). */
export const ensureBuild = async (options) => {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  // A build from before the delivery threads or the ingest thread has no bundle for them (the
  // portal would quietly do their work on its main thread): build again.
  const threadBundles = ["delivery-thread.cjs", "ingest-thread.cjs"].map((name) => path.join(ROOT, DIST_DIR, name));
  if (existsSync(buildId) && threadBundles.every((bundle) => existsSync(bundle)) && !options.rebuild) {
    log(`[build]    reusing ${DIST_DIR} (BUILD_ID ${readFileSync(buildId, "utf8").trim()}); --rebuild to rebuild`);
    return;
  }
  log(`[build]    npm run build into ${DIST_DIR} (log: ${BUILD_LOG}) ...`);
  rmSync(path.join(ROOT, BUILD_LOG), { force: true });
  const started = performance.now();
  await runToEnd("npm run build", "npm", ["run", "build"], {
    env: serverEnv(options, `file:${DB_FILE}`),
    logFile: BUILD_LOG,
    timeoutMs: LIMITS.buildMs,
  });
  log(`[build]    done in ${fmtS(performance.now() - started)}`);
};

/** Deletes the SQLite benchmark database and its server log, so the run starts empty. */
export const removeSqliteFiles = () => {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(path.join(ROOT, DB_FILE + suffix), { force: true });
  rmSync(path.join(ROOT, SERVER_LOG), { force: true });
};

/** Applies every migration once, before any instance starts (as `npm run serve` does). */
export const migrate = async (options, deployment) => {
  const started = performance.now();
  await runToEnd("migrate", "node", ["scripts/migrate.mjs"], {
    env: serverEnv(options, deployment.databaseUrl),
    logFile: deployment.migrateLog,
    timeoutMs: LIMITS.migrateMs,
  });
  log(`[db]       ${deployment.label}: migrations applied in ${fmtS(performance.now() - started)}`);
};

/** Refuses to start when something already listens on the port: we would benchmark it instead. */
const assertPortFree = (port) =>
  new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    const done = (isFree) => {
      socket.destroy();
      if (isFree) resolve();
      else reject(new Error(`port ${port} is already in use; pass --port (instances use it and the ports after it)`));
    };
    socket.setTimeout(1000, () => done(true));
    socket.once("connect", () => done(false));
    socket.once("error", () => done(true));
  });

/**
 * Starts the portal as `npm run serve` does (scripts/serve.mjs) on `port` for `deployment` and resolves once the sign-in page answers 200:
 * by then the server has run its start-up (registry row created, delivery worker running), not
 * just bound the port.
 */
export const startPortal = async (options, deployment, port) => {
  await assertPortFree(port);
  const started = performance.now();
  const logFile = deployment.logOf(port);
  // Diagnostic hook: e.g. BENCH_PORTAL_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles
  // the portal (NODE_OPTIONS refuses --cpu-prof, and would profile this process too).
  const nodeArgs = (process.env.BENCH_PORTAL_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawnGroup(
    process.execPath,
    // As `npm run serve` starts it (after the migrations, run above): the ingest thread on the
    // port, Next.js behind it (scripts/serve.mjs), keep-alive 65 s.
    [...nodeArgs, "scripts/serve.mjs", "--hostname", HOST, "--port", String(port)],
    { env: serverEnv(options, deployment.databaseUrl), logFile },
  );
  const agent = new http.Agent({ keepAlive: false });
  // The sign-in page answers 200 once start-up (registry and first Owner made) is done.
  const pageUrl = `http://${HOST}:${port}/sign-in`;
  let exitedEarly = false;
  child.exited.then(() => (exitedEarly = true));
  const ready = await waitFor(
    async () => {
      if (exitedEarly) throw new Error(`the portal exited during start-up; see ${logFile}:\n${tailOf(logFile)}`);
      try {
        return (await request(agent, pageUrl, { timeoutMs: 5000 })).status === 200;
      } catch {
        return false; // not listening yet
      }
    },
    { timeoutMs: LIMITS.readyMs, everyMs: 500 },
  );
  agent.destroy();
  if (!ready) throw new Error(`the portal did not answer 200 on ${pageUrl} within ${fmtS(LIMITS.readyMs)}; see ${logFile}:\n${tailOf(logFile)}`);
  log(`[portal]   ${deployment.label}: pid ${child.pid}, ready on http://${HOST}:${port} in ${fmtS(performance.now() - started)} (log: ${logFile})`);
  child.port = port;
  return child;
};

/** Starts one instance per port of `deployment`, one after the other (each runs its start-up). */
export const startPortals = async (options, deployment) => {
  const portals = [];
  for (const port of deployment.ports) portals.push(await startPortal(options, deployment, port));
  return portals;
};

/** Stops instances together, as a rolling deploy would not: the run is over. */
export const stopPortals = (portals) => Promise.all(portals.map(stopGroup));
