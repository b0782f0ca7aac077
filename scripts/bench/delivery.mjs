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
// 2. Baseline: the very same N×M bodies POSTed straight to that receiver, no database.
// Exit code: 0 when everything ran and the database checks hold (targets are reported, not
// enforced), 1 when a check fails or the baseline saw errors, 2 on any error, 130 on Ctrl-C.
// Only node: built-ins and better-sqlite3 (already a dependency of the portal) are used.

import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HOST = "127.0.0.1";
const DIST_DIR = ".next-bench";
const DB_FILE = "data/bench.db";
const SERVER_LOG = "data/bench-server.log";
const BUILD_LOG = "data/bench-build.log";
const REGISTRY_NAME = "benchregistry";
const TOKEN = `bench-token-${randomUUID()}`;
const REPOSITORY = "bench/app";
const MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
const ENVELOPE_TYPE = "application/vnd.docker.distribution.events.v1+json";
// The portal's own User-Agent (lib/delivery/send.ts), so the baseline sends identical requests.
const PORTAL_USER_AGENT = "registry-webhooks/0.1";

const TARGET_DELIVERIES_PER_S = 2000;
const TARGET_SHARE_OF_BASELINE = 0.25;

// Every wait has a ceiling, so a stuck portal ends the run instead of hanging it.
const LIMITS = {
  buildMs: 10 * 60_000,
  migrateMs: 2 * 60_000,
  readyMs: 60_000,
  requestMs: 60_000,
  deliveriesMs: 10 * 60_000,
  // No new delivery for this long means none is coming (e.g. all failed): stop waiting early.
  stallMs: 60_000,
  dbSettleMs: 15_000,
  baselineMs: 5 * 60_000,
  shutdownMs: 5_000,
  wholeRunMs: 40 * 60_000,
};
const POLL_MS = 50;
const PROGRESS_EVERY_MS = 5_000;

const USAGE = `usage: node scripts/bench/delivery.mjs [--events N=10000] [--webhooks M=5] [--concurrency C=64]
                                      [--batch 50] [--ingest-parallel 4] [--port 3300] [--rebuild]`;

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

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
const fmtMs = (ms) => (!Number.isFinite(ms) ? "n/a" : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (line = "") => console.log(line);

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then returns null). */
const waitFor = async (check, { timeoutMs, everyMs = POLL_MS, onTick }) => {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await check();
    if (value) return value;
    onTick?.();
    await sleep(everyMs);
  }
  return null;
};

/** The value below which `share` of the sorted samples lie (nearest rank). */
const percentile = (sorted, share) => {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank];
};

const summarise = (latencies) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN };
};

/** The last lines of a log file, to show why a child process failed. */
const tailOf = (file, lines = 30) => {
  try {
    return readFileSync(path.join(ROOT, file), "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
};

// ---------------------------------------------------------------------------------------------
// Child processes: every one runs in its own process group, so cleanup can end it together
// with whatever it started (npx → node → next workers).
// ---------------------------------------------------------------------------------------------

const children = new Set();

const spawnGroup = (command, args, { env, logFile }) => {
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
const stopGroup = async (child) => {
  signalGroup(child.pid, "SIGTERM");
  await Promise.race([child.exited, sleep(LIMITS.shutdownMs)]);
  await waitFor(() => !isGroupAlive(child.pid), { timeoutMs: 1000 });
  if (isGroupAlive(child.pid)) signalGroup(child.pid, "SIGKILL");
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
// HTTP client helpers
// ---------------------------------------------------------------------------------------------

/** One request with a hard timeout; resolves with status and body text, rejects on network errors. */
const request = (agent, url, { method = "GET", headers = {}, body, timeoutMs = LIMITS.requestMs }) =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${url} timed out after ${fmtS(timeoutMs)}`)), timeoutMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });

/** Refuses to start when something already listens on the port: we would benchmark it instead. */
const assertPortFree = (port) =>
  new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    const done = (isFree) => {
      socket.destroy();
      isFree ? resolve() : reject(new Error(`port ${port} is already in use; pass --port`));
    };
    socket.setTimeout(1000, () => done(true));
    socket.once("connect", () => done(false));
    socket.once("error", () => done(true));
  });

// ---------------------------------------------------------------------------------------------
// Receiver: answers 200 at once and notes when each delivery arrived. It parses every body in
// both runs, so its own cost is the same for the portal and the baseline.
// ---------------------------------------------------------------------------------------------

const startReceiver = async () => {
  let records = { arrivals: [], payloadIds: [], requestIds: [] };
  let distinct = new Set();
  let badBodies = 0;

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const arrival = performance.now();
      res.writeHead(200, { "Content-Length": 0 });
      res.end();
      let payload;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        badBodies += 1;
        return;
      }
      records.arrivals.push(arrival);
      records.payloadIds.push(payload.id);
      records.requestIds.push(payload.request?.id);
      distinct.add(payload.id);
    });
  });
  // Senders keep connections open between bursts; do not drop them while the portal is busy.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, resolve);
  });

  return {
    url: `http://${HOST}:${server.address().port}/hook`,
    distinctCount: () => distinct.size,
    badBodies: () => badBodies,
    /** Hands over what arrived so far and starts a clean record for the next run. */
    take: () => {
      const taken = records;
      records = { arrivals: [], payloadIds: [], requestIds: [] };
      distinct = new Set();
      return taken;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};

/**
 * Turns a run's raw arrivals into numbers. Only the first arrival of each payload id counts
 * (the rest are duplicates); `sentAtOf(i)` gives the send time of record i's request, which
 * starts its latency clock; `splitAt` counts the arrivals up to that moment.
 */
const arrivalStats = (records, { t0, sentAtOf, splitAt = -Infinity }) => {
  const seen = new Set();
  const latencies = [];
  let duplicates = 0;
  let first = Infinity;
  let last = t0;
  let beforeSplit = 0;
  for (let i = 0; i < records.arrivals.length; i += 1) {
    if (seen.has(records.payloadIds[i])) {
      duplicates += 1;
      continue;
    }
    seen.add(records.payloadIds[i]);
    const sentAt = sentAtOf(i);
    if (sentAt === undefined) continue; // not one of ours (cannot happen on a fresh database)
    const arrival = records.arrivals[i];
    latencies.push(arrival - sentAt);
    first = Math.min(first, arrival);
    last = Math.max(last, arrival);
    if (arrival <= splitAt) beforeSplit += 1;
  }
  const count = latencies.length;
  const elapsedMs = last - t0;
  return { count, duplicates, first, last, beforeSplit, elapsedMs, perS: count > 0 ? count / (elapsedMs / 1000) : 0, latency: summarise(latencies) };
};

// ---------------------------------------------------------------------------------------------
// CPU accounting, for the diagnosis: how busy were the portal and this process?
// ---------------------------------------------------------------------------------------------

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds used by every live process in a process group (Linux /proc; null elsewhere). */
const groupCpuSeconds = (pgid) => {
  try {
    let ticks = 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited while we looked
      }
      // Fields after "(comm)": state ppid pgrp ... utime(14th) stime(15th) of the whole line.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / CLOCK_TICKS;
  } catch {
    return null;
  }
};

const cpuSnapshot = (portalPid) => {
  const self = process.cpuUsage();
  return { at: performance.now(), portal: groupCpuSeconds(portalPid), bench: (self.user + self.system) / 1e6 };
};

/** Average cores used between two snapshots. */
const coresUsed = (from, to) => {
  const seconds = (to.at - from.at) / 1000;
  if (seconds <= 0) return { portal: null, bench: null };
  return {
    portal: from.portal === null || to.portal === null ? null : (to.portal - from.portal) / seconds,
    bench: (to.bench - from.bench) / seconds,
  };
};

// ---------------------------------------------------------------------------------------------
// Portal: build, database, server
// ---------------------------------------------------------------------------------------------

const serverEnv = (options) => ({
  NEXT_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${DB_FILE}`,
  REGISTRY_NAME,
  REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
  // Larger than any webhook's delivery count, so the idle-time pruning deletes nothing mid-run.
  WEBHOOK_EVENT_RETENTION: String(options.events + 1000),
  DELIVERY_CONCURRENCY: String(options.concurrency),
  WEBHOOK_RETRY_SCHEDULE: "1s,1s",
  // The receiver is on loopback, which the portal's outbound policy refuses unless allowed
  // (older builds ignore this variable).
  OUTBOUND_ALLOWLIST: HOST,
});

const ensureBuild = async (options) => {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  if (existsSync(buildId) && !options.rebuild) {
    log(`[build]    reusing ${DIST_DIR} (BUILD_ID ${readFileSync(buildId, "utf8").trim()}); --rebuild to rebuild`);
    return;
  }
  log(`[build]    next build into ${DIST_DIR} (log: ${BUILD_LOG}) ...`);
  rmSync(path.join(ROOT, BUILD_LOG), { force: true });
  const started = performance.now();
  await runToEnd("next build", "npx", ["next", "build"], {
    env: serverEnv(options),
    logFile: BUILD_LOG,
    timeoutMs: LIMITS.buildMs,
  });
  log(`[build]    done in ${fmtS(performance.now() - started)}`);
};

const resetDatabase = async (options) => {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(path.join(ROOT, DB_FILE + suffix), { force: true });
  rmSync(path.join(ROOT, SERVER_LOG), { force: true });
  const started = performance.now();
  await runToEnd("prisma migrate deploy", "npx", ["prisma", "migrate", "deploy"], {
    env: serverEnv(options),
    logFile: SERVER_LOG,
    timeoutMs: LIMITS.migrateMs,
  });
  log(`[db]       fresh ${DB_FILE}, migrations applied in ${fmtS(performance.now() - started)}`);
};

const startPortal = async (options) => {
  await assertPortFree(options.port);
  const started = performance.now();
  // Diagnostic hook: e.g. BENCH_PORTAL_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles
  // the portal (NODE_OPTIONS refuses --cpu-prof, and would profile this process too).
  const nodeArgs = (process.env.BENCH_PORTAL_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawnGroup(
    process.execPath,
    [...nodeArgs, "node_modules/next/dist/bin/next", "start", "--hostname", HOST, "--port", String(options.port)],
    { env: serverEnv(options), logFile: SERVER_LOG },
  );
  const agent = new http.Agent({ keepAlive: false });
  const pageUrl = `http://${HOST}:${options.port}/registries/${REGISTRY_NAME}/webhooks`;
  let exitedEarly = false;
  child.exited.then(() => (exitedEarly = true));
  const ready = await waitFor(
    async () => {
      if (exitedEarly) throw new Error(`the portal exited during start-up; see ${SERVER_LOG}:\n${tailOf(SERVER_LOG)}`);
      try {
        return (await request(agent, pageUrl, { timeoutMs: 5000 })).status === 200;
      } catch {
        return false; // not listening yet
      }
    },
    { timeoutMs: LIMITS.readyMs, everyMs: 500 },
  );
  agent.destroy();
  if (!ready) throw new Error(`the portal did not answer 200 on ${pageUrl} within ${fmtS(LIMITS.readyMs)}; see ${SERVER_LOG}`);
  log(`[portal]   pid ${child.pid}, ready on http://${HOST}:${options.port} in ${fmtS(performance.now() - started)} (log: ${SERVER_LOG})`);
  return child;
};

// ---------------------------------------------------------------------------------------------
// Database access from the benchmark (webhooks in, checks out)
// ---------------------------------------------------------------------------------------------

const openDb = (readonly) => {
  const db = new Database(path.join(ROOT, DB_FILE), { readonly, fileMustExist: true });
  // The portal writes in WAL mode; wait for its locks instead of failing.
  db.pragma("busy_timeout = 10000");
  return db;
};

/** Formats `date` the way the sample DateTime column value is stored (Prisma's choice, not ours). */
const dateLike = (sample, date) => {
  if (typeof sample === "number") return sample > 1e11 ? date.getTime() : Math.floor(date.getTime() / 1000);
  const iso = date.toISOString();
  if (/[+-]00:00$/.test(sample)) return iso.replace("Z", "+00:00");
  if (/Z$/.test(sample)) return iso;
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(sample)) return iso.slice(0, 19).replace("T", " ");
  throw new Error(`unrecognised DateTime storage format: ${JSON.stringify(sample)}`);
};

/** Inserts M enabled push webhooks pointing at the receiver, straight into the database. */
const insertWebhooks = (count, serviceUri) => {
  const db = openDb(false);
  try {
    const registry = db.prepare(`SELECT "id", "createdAt" FROM "Registry" WHERE "name" = ?`).get(REGISTRY_NAME);
    if (!registry) throw new Error(`registry "${REGISTRY_NAME}" was not created by the portal`);
    const now = dateLike(registry.createdAt, new Date());
    const insert = db.prepare(
      `INSERT INTO "Webhook" ("id", "registryId", "name", "serviceUri", "customHeaders", "actions", "status", "scope", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, '[]', 'push', 'enabled', '', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        insert.run(`benchwh${i}${randomUUID().replaceAll("-", "")}`, registry.id, `benchhook${String(i).padStart(4, "0")}`, serviceUri, now, now);
      }
    })();
  } finally {
    db.close();
  }
};

/** The checks after the portal run: one attempt per delivery, and every delivery delivered. */
const readDeliveryState = () => {
  const db = openDb(true);
  try {
    const attempts = db.prepare(`SELECT COUNT(*) AS n FROM "Attempt"`).get().n;
    const states = Object.fromEntries(
      db.prepare(`SELECT "state", COUNT(*) AS n FROM "Delivery" GROUP BY "state"`).all().map((row) => [row.state, row.n]),
    );
    const deliveries = Object.values(states).reduce((sum, n) => sum + n, 0);
    // Why deliveries did not succeed, in the portal's own words (shown when a check fails).
    const notDelivered = db
      .prepare(`SELECT "lastStatus", COUNT(*) AS n FROM "Delivery" WHERE "state" != 'delivered' GROUP BY "lastStatus" ORDER BY n DESC LIMIT 5`)
      .all();
    return { attempts, deliveries, delivered: states.delivered ?? 0, states, notDelivered };
  } finally {
    db.close();
  }
};

/** The exact bodies the portal sent, for the baseline to send again. */
const readPayloads = () => {
  const db = openDb(true);
  try {
    return db.prepare(`SELECT "payload" FROM "Delivery" ORDER BY "seq"`).pluck().all();
  } finally {
    db.close();
  }
};

// ---------------------------------------------------------------------------------------------
// Ingest: Distribution-shaped push events, sent in envelopes like a registry would
// ---------------------------------------------------------------------------------------------

const makeEvents = (count) => {
  const runId = randomUUID();
  const started = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const digest = `sha256:${createHash("sha256").update(`${runId}:${i}`).digest("hex")}`;
    return {
      id: randomUUID(),
      timestamp: new Date(started + i).toISOString(),
      action: "push",
      target: {
        mediaType: MANIFEST_TYPE,
        size: 401,
        digest,
        length: 401,
        repository: REPOSITORY,
        url: `http://127.0.0.1:5000/v2/${REPOSITORY}/manifests/${digest}`,
        tag: `v${i}`,
      },
      request: { id: randomUUID(), addr: "127.0.0.1:1", host: "127.0.0.1:5000", method: "PUT", useragent: "bench" },
    };
  });
};

const notificationsUrl = (port) => `http://${HOST}:${port}/api/registries/${REGISTRY_NAME}/notifications`;
const ingestHeaders = (body) => ({
  Authorization: `Bearer ${TOKEN}`,
  "Content-Type": ENVELOPE_TYPE,
  "Content-Length": Buffer.byteLength(body),
});

/** Checks the endpoint's answer: every event accepted and fanned out to every webhook. */
const assertIngested = (response, eventCount, webhooks) => {
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${response.text.slice(0, 300)}`);
  const summary = JSON.parse(response.text);
  if (summary.accepted !== eventCount || summary.deliveries !== eventCount * webhooks) {
    throw new Error(`ingest stored less than sent (${eventCount} events × ${webhooks} webhooks): ${response.text}`);
  }
  return summary;
};

/** Mean answer time of the first and the last tenth of the envelopes. */
const envelopeTimes = ({ sentAt, answeredAt }) => {
  const tenth = Math.max(1, Math.floor(sentAt.length / 10));
  const mean = (from, to) => {
    let sum = 0;
    for (let i = from; i < to; i += 1) sum += answeredAt[i] - sentAt[i];
    return sum / (to - from);
  };
  return { first: mean(0, tenth), last: mean(sentAt.length - tenth, sentAt.length) };
};

/**
 * One envelope of a pull event, which ACR ignores: it loads the route and checks the token
 * before the clock starts, and stores nothing.
 */
const warmUpIngest = async (agent, port) => {
  const body = JSON.stringify({
    events: [{ id: randomUUID(), action: "pull", target: { mediaType: MANIFEST_TYPE, repository: REPOSITORY, digest: "sha256:0" } }],
  });
  const response = await request(agent, notificationsUrl(port), { method: "POST", headers: ingestHeaders(body), body });
  if (response.status !== 200) throw new Error(`warm-up ingest answered ${response.status}: ${response.text.slice(0, 300)}`);
};

/**
 * Sends all events in envelopes of `batch`, at most `parallel` in flight. Returns when every
 * envelope was answered, with each envelope's send time (the latency clock starts there).
 */
const ingestAll = async (agent, options, events) => {
  const envelopes = [];
  for (let i = 0; i < events.length; i += options.batch) envelopes.push(events.slice(i, i + options.batch));
  const sentAt = new Float64Array(envelopes.length);
  const answeredAt = new Float64Array(envelopes.length);
  let next = 0;
  const sender = async () => {
    while (next < envelopes.length) {
      const index = next++;
      const body = JSON.stringify({ events: envelopes[index] });
      sentAt[index] = performance.now();
      const response = await request(agent, notificationsUrl(options.port), { method: "POST", headers: ingestHeaders(body), body });
      answeredAt[index] = performance.now();
      assertIngested(response, envelopes[index].length, options.webhooks);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.ingestParallel, envelopes.length) }, sender));
  return { sentAt, answeredAt, envelopeCount: envelopes.length, endedAt: performance.now() };
};

// ---------------------------------------------------------------------------------------------
// Run 1: the portal
// ---------------------------------------------------------------------------------------------

/** Waits (bounded) until `expected` distinct deliveries arrived, printing progress now and then. */
const waitForDeliveries = async (receiver, expected, startedAt) => {
  let lastReport = performance.now();
  let lastCount = receiver.distinctCount();
  let lastGrowth = performance.now();
  const done = await waitFor(
    () => {
      const count = receiver.distinctCount();
      if (count >= expected) return "done";
      if (count > lastCount) [lastCount, lastGrowth] = [count, performance.now()];
      if (performance.now() - lastGrowth > LIMITS.stallMs) {
        log(`           no new delivery for ${fmtS(LIMITS.stallMs)}; giving up`);
        return "stalled";
      }
      return null;
    },
    {
      timeoutMs: LIMITS.deliveriesMs,
      onTick: () => {
        if (performance.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = performance.now();
        const got = receiver.distinctCount();
        log(`           ... ${fmtInt(got)}/${fmtInt(expected)} delivered after ${fmtS(lastReport - startedAt)}`);
      },
    },
  );
  return done === "done";
};

/** Waits (bounded) for the worker's batched writes to reach the expected counts. */
const waitForDatabase = async (expected) => {
  let state = readDeliveryState();
  await waitFor(
    () => {
      state = readDeliveryState();
      return state.attempts >= expected && state.delivered >= expected;
    },
    { timeoutMs: LIMITS.dbSettleMs, everyMs: 200 },
  );
  return state;
};

const runPortal = async (options, portal, receiver) => {
  const expected = options.events * options.webhooks;
  const events = makeEvents(options.events);
  const eventIndexByRequestId = new Map(events.map((event, i) => [event.request.id, i]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.ingestParallel });

  await warmUpIngest(agent, options.port);
  receiver.take(); // nothing should have arrived; start from a clean record regardless

  const cpuStart = cpuSnapshot(portal.pid);
  const ingest = await ingestAll(agent, options, events);
  const cpuIngested = cpuSnapshot(portal.pid);
  const t0 = ingest.sentAt[0];
  const ingestMs = ingest.endedAt - t0;
  log(
    `[portal]   ingest: ${fmtInt(options.events)} events in ${fmtInt(ingest.envelopeCount)} envelopes → ${fmtInt(expected)} deliveries stored` +
      ` in ${fmtS(ingestMs)} (${fmtInt(options.events / (ingestMs / 1000))} events/s)`,
  );
  const envelopeMs = envelopeTimes(ingest);
  log(
    `[portal]   ingest answer time per envelope: first tenth ${fmtMs(envelopeMs.first)} ms, last tenth ${fmtMs(envelopeMs.last)} ms` +
      ` (a rise means ingest slows as the tables grow)`,
  );
  const isComplete = await waitForDeliveries(receiver, expected, t0);
  const cpuEnd = cpuSnapshot(portal.pid);
  agent.destroy();

  // An event's deliveries start their clock when the envelope carrying it was sent.
  const records = receiver.take();
  const stats = arrivalStats(records, {
    t0,
    splitAt: ingest.endedAt, // tells whether ingest and delivery overlap or take turns
    sentAtOf: (i) => {
      const eventIndex = eventIndexByRequestId.get(records.requestIds[i]);
      return eventIndex === undefined ? undefined : ingest.sentAt[Math.floor(eventIndex / options.batch)];
    },
  });
  const drainMs = stats.last - ingest.endedAt;
  const drainPerS = drainMs > 0 ? (stats.count - stats.beforeSplit) / (drainMs / 1000) : NaN;
  log(
    `[portal]   ${fmtInt(stats.count)}/${fmtInt(expected)} distinct deliveries arrived` +
      `${isComplete ? "" : " (gave up waiting)"}; last one ${fmtS(stats.elapsedMs)} after the first ingest POST`,
  );
  if (stats.count > 0) {
    log(
      `[portal]   timeline: first delivery after ${fmtS(stats.first - t0)}; ${fmtInt(stats.beforeSplit)} arrived while ingesting;` +
        ` the other ${fmtInt(stats.count - stats.beforeSplit)} in ${fmtS(drainMs)} after it (${fmtInt(drainPerS)}/s)`,
    );
  }

  return {
    isComplete,
    received: stats.count,
    duplicates: stats.duplicates,
    ingestMs,
    ingestEventsPerS: options.events / (ingestMs / 1000),
    envelopeMs,
    deliveriesPerS: stats.perS,
    elapsedMs: stats.elapsedMs,
    deliveredDuringIngest: stats.beforeSplit,
    drainPerS,
    latency: stats.latency,
    cpu: { ingest: coresUsed(cpuStart, cpuIngested), drain: coresUsed(cpuIngested, cpuEnd), total: coresUsed(cpuStart, cpuEnd) },
  };
};

/** Database checks after the portal run; each is printed, and any failure fails the run. */
const verifyPortalRun = async (expected, portalRun) => {
  const state = await waitForDatabase(expected);
  const checks = [
    { ok: portalRun.received === expected, text: `receiver got ${fmtInt(portalRun.received)} of ${fmtInt(expected)} distinct deliveries` },
    { ok: portalRun.duplicates === 0, text: `duplicates at the receiver: ${fmtInt(portalRun.duplicates)}` },
    { ok: state.attempts === expected, text: `SELECT COUNT(*) FROM "Attempt" = ${fmtInt(state.attempts)} (expected ${fmtInt(expected)})` },
    {
      ok: state.deliveries === expected && state.delivered === expected,
      text: `"Delivery" rows: ${fmtInt(state.deliveries)}, by state ${JSON.stringify(state.states)} (expected ${fmtInt(expected)} delivered)`,
    },
  ];
  log("[checks]");
  for (const check of checks) log(`           ${check.ok ? "ok  " : "FAIL"} ${check.text}`);
  for (const { lastStatus, n } of state.notDelivered) log(`           not delivered: ${fmtInt(n)} × ${JSON.stringify(lastStatus)}`);
  return { ok: checks.every((check) => check.ok), state };
};

// ---------------------------------------------------------------------------------------------
// Run 2: the baseline, the same bodies straight from this process
// ---------------------------------------------------------------------------------------------

const runBaseline = async (options, receiver, bodies) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const indexById = new Map(bodies.map((body, i) => [JSON.parse(body).id, i]));
  const sentAt = new Float64Array(bodies.length);
  const deadline = performance.now() + LIMITS.baselineMs;
  let next = 0;
  let errors = 0;
  const sender = async () => {
    while (next < bodies.length && performance.now() < deadline) {
      const index = next++;
      const body = bodies[index];
      const headers = { "Content-Type": "application/json", "User-Agent": PORTAL_USER_AGENT, "Content-Length": Buffer.byteLength(body) };
      sentAt[index] = performance.now();
      try {
        const response = await request(agent, receiver.url, { method: "POST", headers, body, timeoutMs: 10_000 });
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  receiver.take();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, bodies.length) }, sender));
  agent.destroy();

  const records = receiver.take();
  const stats = arrivalStats(records, { t0, sentAtOf: (i) => sentAt[indexById.get(records.payloadIds[i])] });
  log(
    `[baseline] ${fmtInt(stats.count)}/${fmtInt(bodies.length)} bodies POSTed with ${options.concurrency} in flight` +
      ` in ${fmtS(stats.elapsedMs)}, ${errors} errors`,
  );
  return { received: stats.count, errors, elapsedMs: stats.elapsedMs, deliveriesPerS: stats.perS, latency: stats.latency };
};

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const machineInfo = () => ({
  nproc: os.availableParallelism?.() ?? os.cpus().length,
  cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
});

const fmtCores = (cores) => (cores === null || cores === undefined ? "n/a" : `${cores.toFixed(2)} cores`);

const printReport = (options, machine, portal, baseline, ok) => {
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
  log("");
  log("Targets");
  log(`  ≥ ${fmtInt(TARGET_DELIVERIES_PER_S)} deliveries/s    ${fmtInt(portal.deliveriesPerS).padStart(8)}/s   ${meetsRate ? "PASS" : "MISS"}`);
  log(`  ≥ ${TARGET_SHARE_OF_BASELINE * 100} % of baseline      ${`${(ratio * 100).toFixed(1)} %`.padStart(10)}   ${meetsShare ? "PASS" : "MISS"}`);
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

  const round = (n, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
  const summary = {
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
    },
    baseline: { deliveriesPerS: round(baseline.deliveriesPerS, 0), p50Ms: round(baseline.latency.p50), p99Ms: round(baseline.latency.p99) },
    ratioPct: round(ratio * 100),
    targets: { deliveriesPerS: meetsRate ? "PASS" : "MISS", shareOfBaseline: meetsShare ? "PASS" : "MISS" },
    checks: ok ? "PASS" : "FAIL",
    machine: { nproc: machine.nproc, node: machine.node, load1: [round(load.portal, 2), round(load.baseline, 2), round(load.end, 2)] },
  };
  log(`JSON ${JSON.stringify(summary)}`);
};

// ---------------------------------------------------------------------------------------------
// Main, with cleanup on every way out (success, error, Ctrl-C, watchdog)
// ---------------------------------------------------------------------------------------------

let receiverToClose = null;
let isCleaningUp = false;

const cleanup = async () => {
  if (isCleaningUp) return;
  isCleaningUp = true;
  await Promise.all([...children].map(stopGroup));
  await receiverToClose?.close();
};

const finish = async (code) => {
  await cleanup();
  process.exit(code);
};

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

  const expected = options.events * options.webhooks;
  // Other work on the machine skews both runs; the load average shows how much there was.
  const load = { portal: os.loadavg()[0] };
  const portalRun = await runPortal(options, portal, receiver);
  const verification = await verifyPortalRun(expected, portalRun);
  if (receiver.badBodies() > 0) log(`           note: ${receiver.badBodies()} request bodies were not JSON`);

  // The portal's job is done; stop it so the baseline has the machine to itself.
  await stopGroup(portal);
  const bodies = readPayloads();
  load.baseline = os.loadavg()[0];
  const baseline = await runBaseline(options, receiver, bodies);
  load.end = os.loadavg()[0];

  printReport(options, { ...machine, load }, portalRun, baseline, verification.ok);
  return verification.ok && baseline.errors === 0 ? 0 : 1;
};

process.once("SIGINT", () => {
  log("\ninterrupted; stopping the portal ...");
  void finish(130);
});
process.once("SIGTERM", () => void finish(143));
// Belt and braces: if cleanup never ran (a crash in a callback), still take the portal down.
process.on("exit", () => {
  for (const child of children) signalGroup(child.pid, "SIGKILL");
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
