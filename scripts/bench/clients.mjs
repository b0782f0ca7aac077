// Which raw HTTP client should POST webhooks? Every candidate POSTs the same ~500-byte JSON
// bodies (shaped like the portal's push payloads) to the benchmark's loopback receiver
// (./receiver.mjs, here in a child process of its own: ./receiver-process.mjs), with the same
// number in flight; the rounds alternate the candidates' order, so drift in the machine's load
// spreads over all of them. Per candidate: requests/s, CPU of this process (the sender alone)
// per 1,000 requests, and per-request latency.
//
//   node scripts/bench/clients.mjs [--requests 50000] [--inflight 64] [--rounds 3] [--only name,name]
//
// Candidates (no fetch: its WHATWG layer costs more and the portal does not need it):
//   http-agent-64      node:http, keep-alive Agent, maxSockets 64 (what baseline.mjs used)
//   http-agent-256     node:http, keep-alive Agent, maxSockets 256 (what lib/delivery/send.ts used before undici)
//   undici-pool-64     undici Pool, 64 connections, pool.request(), no pipelining
//   undici-pool-16x4   undici Pool, 16 connections pipelining 4 (requests marked idempotent:
//                      undici never pipelines a POST otherwise)
//   undici-client-64   undici Client, one connection pipelining 64 (idempotent, as above)
// The pipelined ones are measured for comparison but cannot win: a webhook POST is not
// idempotent, and on a pipelined connection that drops, the requests queued behind the first may
// or may not have been processed (a retry could deliver twice), and one slow receiver answer
// holds up the rest (head-of-line blocking).
// Exit code: 0 when every request of every round got a 200 and arrived once, 1 otherwise,
// 2 on an error.

import { randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Client, Pool } from "undici";
import { summarise } from "./arrival-stats.mjs";
import { fmtInt, fmtMs, log } from "./format.mjs";
import { request, sendInParallel } from "./http-client.mjs";
import { startReceiverProcess } from "./receiver-process.mjs";
import { MANIFEST_TYPE, PORTAL_USER_AGENT, REPOSITORY } from "./settings.mjs";

const USAGE = "usage: node scripts/bench/clients.mjs [--requests N=50000] [--inflight C=64] [--rounds R=3] [--only name,name]";
const TIMEOUT_MS = 10_000;
const WARM_UP_REQUESTS = 2_000;

/** `count` bodies like the portal's push deliveries (about 500 bytes each), each with its own id. */
const makeBodies = (count) => {
  const started = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const digest = `sha256:${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;
    return JSON.stringify({
      id: randomUUID(),
      timestamp: new Date(started + i).toISOString(),
      action: "push",
      target: { mediaType: MANIFEST_TYPE, size: 401, digest, length: 401, repository: REPOSITORY, tag: `v${i}` },
      request: { id: randomUUID(), host: "127.0.0.1:5000", method: "PUT", useragent: "docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.1.0-26-amd64 os/linux arch/amd64" },
    });
  });
};

const headersOf = (body) => ({ "Content-Type": "application/json", "User-Agent": PORTAL_USER_AGENT, "Content-Length": String(Buffer.byteLength(body)) });

/**
 * Each candidate: `open(url)` returns `{ send(body) → status, close() }`. Every candidate reads
 * the whole response body, as the portal does (it stores it).
 */
const CANDIDATES = {
  "http-agent-64": { what: "node:http keep-alive Agent, maxSockets 64", open: (url) => openNodeHttp(url, 64) },
  "http-agent-256": { what: "node:http keep-alive Agent, maxSockets 256", open: (url) => openNodeHttp(url, 256) },
  "undici-pool-64": { what: "undici Pool, 64 connections, pipelining 1", open: (url) => openUndici(url, new Pool(new URL(url).origin, { connections: 64 }), false) },
  "undici-pool-16x4": {
    pipelined: true,
    what: "undici Pool, 16 connections × pipelining 4 (idempotent)",
    open: (url) => openUndici(url, new Pool(new URL(url).origin, { connections: 16, pipelining: 4 }), true),
  },
  "undici-client-64": {
    pipelined: true,
    what: "undici Client, 1 connection × pipelining 64 (idempotent)",
    open: (url) => openUndici(url, new Client(new URL(url).origin, { pipelining: 64 }), true),
  },
};

const openNodeHttp = (url, maxSockets) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    send: async (body) => (await request(agent, url, { method: "POST", headers: headersOf(body), body, timeoutMs: TIMEOUT_MS })).status,
    close: async () => agent.destroy(),
  };
};

const openUndici = (url, dispatcher, idempotent) => {
  const { pathname } = new URL(url);
  return {
    send: async (body) => {
      const response = await dispatcher.request({
        path: pathname,
        method: "POST",
        headers: headersOf(body),
        body,
        idempotent,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
      });
      await response.body.text();
      return response.statusCode;
    },
    close: () => dispatcher.close(),
  };
};

/** One measured run of `name`: `bodies` POSTed with `inflight` in flight. */
const runOnce = async (name, url, bodies, inflight, receiver) => {
  const client = CANDIDATES[name].open(url);
  const latencies = new Float64Array(bodies.length);
  let errors = 0;
  await receiver.take(); // a clean record
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  await sendInParallel(bodies.length, inflight, async (index) => {
    const started = performance.now();
    try {
      if ((await client.send(bodies[index])) !== 200) errors += 1;
    } catch {
      errors += 1;
    }
    latencies[index] = performance.now() - started;
  });
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuStart);
  await client.close();
  const arrived = await receiver.take();
  return {
    perS: bodies.length / (elapsedMs / 1000),
    cpuMsPer1000: ((cpu.user + cpu.system) / 1000 / bodies.length) * 1000,
    receiverCpuMs: arrived.cpuMs,
    errors,
    arrived: arrived.distinct,
    duplicates: arrived.arrivals - arrived.distinct,
    latency: summarise(latencies),
  };
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const readOptions = () => {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "50000" },
      inflight: { type: "string", default: "64" },
      rounds: { type: "string", default: "3" },
      only: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
    return value;
  };
  const names = values.only ? values.only.split(",").map((name) => name.trim()) : Object.keys(CANDIDATES);
  for (const name of names) if (!CANDIDATES[name]) throw new Error(`unknown client "${name}"; known: ${Object.keys(CANDIDATES).join(", ")}`);
  return { requests: int("requests", 100, 1_000_000), inflight: int("inflight", 1, 1024), rounds: int("rounds", 1, 20), names };
};

const main = async () => {
  const options = readOptions();
  const bodies = makeBodies(options.requests);
  const meanBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / bodies.length;
  const receiver = await startReceiverProcess();
  try {
    log(`Raw HTTP clients: ${fmtInt(options.requests)} POSTs of ~${fmtInt(meanBytes)}-byte JSON bodies, ${options.inflight} in flight, ${options.rounds} rounds`);
    log(`  receiver ${receiver.url} in its own process (pid ${receiver.pid}); CPU figures are this process's, the sender's alone`);
    // Warm-up: JIT and the first connections, once per candidate, not measured.
    for (const name of options.names) await runOnce(name, receiver.url, bodies.slice(0, WARM_UP_REQUESTS), options.inflight, receiver);

    const results = Object.fromEntries(options.names.map((name) => [name, []]));
    for (let round = 0; round < options.rounds; round += 1) {
      // Alternate: forwards on even rounds, backwards on odd ones.
      const order = round % 2 === 0 ? options.names : [...options.names].reverse();
      for (const name of order) {
        const result = await runOnce(name, receiver.url, bodies, options.inflight, receiver);
        results[name].push(result);
        log(
          `  round ${round + 1} ${name.padEnd(17)} ${fmtInt(result.perS).padStart(7)} req/s, sender CPU ${result.cpuMsPer1000.toFixed(1)} ms/1000 req,` +
            ` p50 ${fmtMs(result.latency.p50)} ms, p99 ${fmtMs(result.latency.p99)} ms, ${result.errors} errors,` +
            ` ${fmtInt(result.arrived)} arrived, ${result.duplicates} duplicates (load ${os.loadavg()[0].toFixed(2)})`,
        );
      }
    }

    log("");
    log(`  ${"client".padEnd(18)}${"req/s (median)".padStart(15)}${"CPU ms/1000 req".padStart(17)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}  each round's req/s; what`);
    const summary = options.names.map((name) => {
      const runs = results[name];
      return {
        name,
        perS: median(runs.map((run) => run.perS)),
        rounds: runs.map((run) => run.perS),
        cpuMsPer1000: median(runs.map((run) => run.cpuMsPer1000)),
        p50: median(runs.map((run) => run.latency.p50)),
        p99: median(runs.map((run) => run.latency.p99)),
        ok: runs.every((run) => run.errors === 0 && run.arrived === options.requests && run.duplicates === 0),
      };
    });
    for (const row of summary) {
      log(
        `  ${row.name.padEnd(18)}${fmtInt(row.perS).padStart(15)}${row.cpuMsPer1000.toFixed(1).padStart(17)}${fmtMs(row.p50).padStart(8)}${fmtMs(row.p99).padStart(8)}` +
          `  ${row.rounds.map(fmtInt).join(" / ")}; ${CANDIDATES[row.name].what}${row.ok ? "" : "  (ERRORS)"}`,
      );
    }
    const fastest = summary.reduce((a, b) => (b.perS > a.perS ? b : a));
    const eligible = summary.filter((row) => !CANDIDATES[row.name].pipelined);
    const winner = eligible.length > 0 ? eligible.reduce((a, b) => (b.perS > a.perS ? b : a)) : fastest;
    const httpRows = summary.filter((row) => row.name.startsWith("http-"));
    const httpBest = httpRows.length > 0 ? httpRows.reduce((a, b) => (b.perS > a.perS ? b : a)) : null;
    log("");
    if (fastest !== winner) log(`  fastest overall: ${fastest.name} (${fmtInt(fastest.perS)} req/s), pipelined: not eligible for webhooks`);
    log(`  winner: ${winner.name} (${fmtInt(winner.perS)} req/s, ${winner.cpuMsPer1000.toFixed(1)} ms CPU per 1000 requests)`);
    if (httpBest && winner !== httpBest) {
      // Paired by round (the two ran minutes apart at most), so the machine's drifting load
      // cancels out better than in the medians.
      const ratios = results[winner.name].map((run, round) => run.perS / results[httpBest.name][round].perS);
      const cpuRatios = results[winner.name].map((run, round) => run.cpuMsPer1000 / results[httpBest.name][round].cpuMsPer1000);
      const pct = (ratio) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;
      log(
        `  ${winner.name} against ${httpBest.name}, round by round: requests/s ${ratios.map(pct).join(", ")} (median ${pct(median(ratios))});` +
          ` CPU per request ${cpuRatios.map(pct).join(", ")} (median ${pct(median(cpuRatios))})`,
      );
    }
    // Sender and receiver take a core each: anything else running skews requests/s far more
    // than CPU per request, which is counted for this process alone.
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const load = os.loadavg()[0];
    if (load > cores - 1) {
      log(`  note: 1-min load average ${load.toFixed(2)} on ${cores} cores: other work competed; requests/s are unreliable, CPU per request less so`);
    }
    log(`JSON ${JSON.stringify({ requests: options.requests, inflight: options.inflight, winner: winner.name, clients: summary.map(({ rounds, ...row }) => ({ ...row, perS: Math.round(row.perS), rounds: rounds.map(Math.round) })) })}`);
    return summary.every((row) => row.ok) ? 0 : 1;
  } finally {
    await receiver.close();
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`clients benchmark failed: ${error.stack ?? error}`);
    process.exit(2);
  },
);
