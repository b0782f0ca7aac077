// Run 2: the baseline. The very bodies the portal delivered, POSTed straight from this process
// to the same receiver with the same concurrency and no database: what the portal is measured
// against (the median of BASELINE_ROUNDS passes). It sends with the fastest raw client that
// `npm run bench:clients` found: an undici Pool
// (pool.request(), one connection per request in flight, no pipelining), which sent 15-58 % more
// requests/s than node:http's keep-alive Agent round by round on this 2-core machine, at 20-50 %
// less CPU per request (on a machine loaded by other work the requests/s came out even). The
// same bodies are also sent with node:http's Agent (what lib/delivery/send.ts used before it
// moved to undici's Agent), in the same run, so the report shows both.

import http from "node:http";
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { arrivalStats } from "./arrival-stats.mjs";
import { fmtInt, fmtS, log } from "./format.mjs";
import { request, sendInParallel } from "./http-client.mjs";
import { LIMITS, PORTAL_USER_AGENT } from "./settings.mjs";

const TIMEOUT_MS = 10_000;

/** Passes per client; the report uses each client's median pass. */
export const BASELINE_ROUNDS = 3;

/** The pass with the median deliveries/s, with every pass's figure beside it (`rounds`). */
export const medianRound = (passes) => {
  const sorted = [...passes].sort((a, b) => a.deliveriesPerS - b.deliveriesPerS);
  return { ...sorted[Math.floor(sorted.length / 2)], rounds: passes.map((pass) => pass.deliveriesPerS), errors: passes.reduce((sum, pass) => sum + pass.errors, 0) };
};

/** The raw clients: `open(url, concurrency)` returns `{ post(body, headers) → status, close() }`. */
export const BASELINE_CLIENTS = {
  undici: {
    label: "undici Pool",
    open: (url, concurrency) => {
      const pool = new Pool(new URL(url).origin, { connections: concurrency });
      const { pathname } = new URL(url);
      return {
        post: async (body, headers) => {
          const response = await pool.request({ path: pathname, method: "POST", headers, body, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
          await response.body.text(); // read it all, as the portal does (it stores it)
          return response.statusCode;
        },
        close: () => pool.close(),
      };
    },
  },
  "node:http": {
    label: "node:http Agent",
    open: (url, concurrency) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      return {
        post: async (body, headers) => (await request(agent, url, { method: "POST", headers, body, timeoutMs: TIMEOUT_MS })).status,
        close: async () => agent.destroy(),
      };
    },
  },
};

/** POSTs every body once with `client` ("undici" or "node:http"), `options.concurrency` in flight. */
export const runBaseline = async (options, receiver, bodies, client = "undici") => {
  const { label, open } = BASELINE_CLIENTS[client];
  const sender = open(receiver.url, options.concurrency);
  const indexById = new Map(bodies.map((body, i) => [JSON.parse(body).id, i]));
  const sentAt = new Float64Array(bodies.length);
  const deadline = performance.now() + LIMITS.baselineMs;
  let errors = 0;
  const send = async (index) => {
    const body = bodies[index];
    const headers = { "Content-Type": "application/json", "User-Agent": PORTAL_USER_AGENT, "Content-Length": String(Buffer.byteLength(body)) };
    sentAt[index] = performance.now();
    try {
      if ((await sender.post(body, headers)) !== 200) errors += 1;
    } catch {
      errors += 1;
    }
  };
  receiver.take();
  const t0 = performance.now();
  await sendInParallel(bodies.length, options.concurrency, send, { shouldStop: () => performance.now() >= deadline });
  await sender.close();

  const records = receiver.take();
  const stats = arrivalStats(records, { t0, sentAtOf: (i) => sentAt[indexById.get(records.payloadIds[i])] });
  log(
    `[baseline] ${label}: ${fmtInt(stats.count)}/${fmtInt(bodies.length)} bodies POSTed with ${options.concurrency} in flight` +
      ` in ${fmtS(stats.elapsedMs)} (${fmtInt(stats.perS)}/s), ${errors} errors`,
  );
  return { client, label, errors, elapsedMs: stats.elapsedMs, deliveriesPerS: stats.perS, latency: stats.latency };
};
