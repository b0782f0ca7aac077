// How long does the portal keep a visitor waiting while it works? A probe GETs the sign-in
// page every PROBE_EVERY_MS, one request at a time, and records each answer time. A long
// answer means the portal's event loop was held (a big synchronous database statement, say),
// so the longest one is the longest stall a user could have met.

import http from "node:http";
import { performance } from "node:perf_hooks";
import { summarise } from "./arrival-stats.mjs";
import { request } from "./http-client.mjs";

const PROBE_EVERY_MS = 100;

/** Starts probing `url`, filing answers under `phase` until `phase(name)` names another; `stop()` returns the figures by phase. */
export const startStallProbe = (url, firstPhase) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const byPhase = new Map();
  let phase = firstPhase;
  let isStopped = false;
  let failures = 0;

  const loop = (async () => {
    while (!isStopped) {
      const started = performance.now();
      const current = phase;
      try {
        const { status } = await request(agent, url, {});
        if (status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      const took = performance.now() - started;
      if (!byPhase.has(current)) byPhase.set(current, []);
      byPhase.get(current).push(took);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, PROBE_EVERY_MS - took)));
    }
  })();

  return {
    phase: (name) => {
      phase = name;
    },
    stop: async () => {
      isStopped = true;
      await loop;
      agent.destroy();
      const phases = [...byPhase].map(([name, times]) => ({ name, probes: times.length, ...summarise(times) }));
      return { phases, failures, longestMs: Math.max(...phases.map((entry) => entry.max)) };
    },
  };
};
