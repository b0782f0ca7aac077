// Run 2: the baseline. The very bodies the portal delivered, POSTed straight from this process
// to the same receiver with the same concurrency and no database: what the portal is measured
// against.

import http from "node:http";
import { performance } from "node:perf_hooks";
import { arrivalStats } from "./arrival-stats.mjs";
import { fmtInt, fmtS, log } from "./format.mjs";
import { request, sendInParallel } from "./http-client.mjs";
import { LIMITS, PORTAL_USER_AGENT } from "./settings.mjs";

export const runBaseline = async (options, receiver, bodies) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const indexById = new Map(bodies.map((body, i) => [JSON.parse(body).id, i]));
  const sentAt = new Float64Array(bodies.length);
  const deadline = performance.now() + LIMITS.baselineMs;
  let errors = 0;
  const send = async (index) => {
    const body = bodies[index];
    const headers = { "Content-Type": "application/json", "User-Agent": PORTAL_USER_AGENT, "Content-Length": Buffer.byteLength(body) };
    sentAt[index] = performance.now();
    try {
      const response = await request(agent, receiver.url, { method: "POST", headers, body, timeoutMs: 10_000 });
      if (response.status !== 200) errors += 1;
    } catch {
      errors += 1;
    }
  };
  receiver.take();
  const t0 = performance.now();
  await sendInParallel(bodies.length, options.concurrency, send, { shouldStop: () => performance.now() >= deadline });
  agent.destroy();

  const records = receiver.take();
  const stats = arrivalStats(records, { t0, sentAtOf: (i) => sentAt[indexById.get(records.payloadIds[i])] });
  log(
    `[baseline] ${fmtInt(stats.count)}/${fmtInt(bodies.length)} bodies POSTed with ${options.concurrency} in flight` +
      ` in ${fmtS(stats.elapsedMs)}, ${errors} errors`,
  );
  return { errors, elapsedMs: stats.elapsedMs, deliveriesPerS: stats.perS, latency: stats.latency };
};
