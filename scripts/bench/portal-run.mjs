// A portal run: ingests every event through the notifications endpoints of one or more
// instances (round-robin), then waits until the receiver has every delivery they fanned out.

import http from "node:http";
import { performance } from "node:perf_hooks";
import { arrivalStats } from "./arrival-stats.mjs";
import { coresUsed, cpuSnapshot } from "./cpu.mjs";
import { fmtInt, fmtMs, fmtS, log } from "./format.mjs";
import { envelopeTimes, ingestAll, makeEvents, warmUpIngest } from "./ingest.mjs";
import { LIMITS, PROGRESS_EVERY_MS } from "./settings.mjs";
import { waitFor } from "./wait.mjs";

/** Waits (bounded) until `expected` distinct deliveries arrived, printing progress now and then. */
export const waitForDeliveries = async (receiver, expected, startedAt) => {
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

/**
 * `portals` are the running instances (each with its `port`); `databasePid` leads the database
 * server's process group (null for SQLite, which works inside the portal).
 */
export const runPortal = async (options, portals, receiver, { label, databasePid = null }) => {
  const expected = options.events * options.webhooks;
  const events = makeEvents(options.events);
  const eventIndexByRequestId = new Map(events.map((event, i) => [event.request.id, i]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.ingestParallel });

  const ports = portals.map((portal) => portal.port);
  for (const port of ports) await warmUpIngest(agent, port);
  receiver.take(); // nothing should have arrived; start from a clean record regardless

  const cpu = () => cpuSnapshot(portals.map((portal) => portal.pid), databasePid);
  const cpuStart = cpu();
  const ingest = await ingestAll(agent, options, events, ports);
  const cpuIngested = cpu();
  const t0 = ingest.sentAt[0];
  const ingestMs = ingest.endedAt - t0;
  log(
    `[portal]   ${label} ingest: ${fmtInt(options.events)} events in ${fmtInt(ingest.envelopeCount)} envelopes → ${fmtInt(expected)} deliveries stored` +
      ` in ${fmtS(ingestMs)} (${fmtInt(options.events / (ingestMs / 1000))} events/s)`,
  );
  const envelopeMs = envelopeTimes(ingest);
  log(
    `[portal]   ${label} ingest answer time per envelope: first tenth ${fmtMs(envelopeMs.first)} ms, last tenth ${fmtMs(envelopeMs.last)} ms` +
      ` (a rise means ingest slows as the tables grow)`,
  );
  const isComplete = await waitForDeliveries(receiver, expected, t0);
  const cpuEnd = cpu();
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
    `[portal]   ${label}: ${fmtInt(stats.count)}/${fmtInt(expected)} distinct deliveries arrived` +
      `${isComplete ? "" : " (gave up waiting)"}; last one ${fmtS(stats.elapsedMs)} after the first ingest POST`,
  );
  if (stats.count > 0) {
    log(
      `[portal]   ${label} timeline: first delivery after ${fmtS(stats.first - t0)}; ${fmtInt(stats.beforeSplit)} arrived while ingesting;` +
        ` the other ${fmtInt(stats.count - stats.beforeSplit)} in ${fmtS(drainMs)} after it (${fmtInt(drainPerS)}/s)`,
    );
  }

  return {
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
