// How long does the portal keep a visitor waiting while it works? A probe GETs a URL every
// STALL_PROBE_EVERY_MS, one request at a time, and records each answer time. A long answer
// means the portal's event loop was held (a big synchronous database statement, say), so the
// longest one is the longest stall a user could have met.
//
// It can watch more URLs at once, each in its own loop (one request at a time per URL) and at
// its own pace: the portal runs probe the health endpoint every 100 ms for stalls (it costs the
// portal next to nothing, so the probe does not add the load it measures), and the sign-in and
// webhooks list pages once a second, as an admin clicking around would (rendering a page costs
// the main thread ~20 ms: two pages every 100 ms were 40 % of it, and slowed the run they
// measured).

import http from "node:http";
import { performance } from "node:perf_hooks";
import { summarise } from "./arrival-stats.mjs";
import { request } from "./http-client.mjs";

export const STALL_PROBE_EVERY_MS = 100;

/** One page's loop: answers filed under the current phase. */
const probePage = ({ url, headers = {}, everyMs = STALL_PROBE_EVERY_MS }, currentPhase) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const byPhase = new Map();
  let isStopped = false;
  let failures = 0;
  let lastFailure = null;

  const loop = (async () => {
    while (!isStopped) {
      const started = performance.now();
      const phase = currentPhase();
      try {
        const { status } = await request(agent, url, { headers });
        if (status !== 200) [failures, lastFailure] = [failures + 1, `HTTP ${status}`];
      } catch (error) {
        [failures, lastFailure] = [failures + 1, error.message];
      }
      const took = performance.now() - started;
      if (!byPhase.has(phase)) byPhase.set(phase, []);
      byPhase.get(phase).push(took);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - took)));
    }
  })();

  return async () => {
    isStopped = true;
    await loop;
    agent.destroy();
    const phases = [...byPhase].map(([name, times]) => ({ name, probes: times.length, ...summarise(times) }));
    const maxes = phases.map((entry) => entry.max);
    return { phases, failures, lastFailure, longestMs: maxes.length > 0 ? Math.max(...maxes) : NaN };
  };
};

/**
 * Starts probing, filing answers under `phase` until `phase(name)` names another; `stop()`
 * returns the figures by phase. `target` is a URL, or a list of `{ name, url, headers,
 * everyMs }`: then the first one's figures are the result's own (as with a single URL) and
 * every one's are under `pages[name]`.
 */
export const startStallProbe = (target, firstPhase) => {
  const targets = typeof target === "string" ? [{ name: "stall", url: target }] : target;
  let phase = firstPhase;
  const stops = targets.map((page) => probePage(page, () => phase));
  return {
    phase: (name) => {
      phase = name;
    },
    stop: async () => {
      const results = await Promise.all(stops.map((stop) => stop()));
      const pages = Object.fromEntries(targets.map((page, i) => [page.name, results[i]]));
      return { ...results[0], pages };
    },
  };
};
