// A steady-rate run (`--rate R --duration S`): push events sent at R events/s for S seconds, in
// envelopes of `--batch` (1 by default in this mode: Distribution sends its events one by one),
// round-robin over the instances, fanned out to the M webhooks; then a bounded wait for every
// delivery. What it measures is the latency a registry's steady trickle meets, not throughput.
//
// The schedule does not drift: envelope k is due at start + k × (batch / R) s, whatever the
// ones before took, and one that is due is sent at once. If the portal falls behind, the
// envelopes in flight pile up; at `--ingest-parallel` in flight (64 by default in this mode) a
// due envelope is skipped rather than queued, and counted: a skipped envelope means the portal
// did not keep up with the rate. Latency runs from the moment an envelope's POST was sent (not
// from its answer) to the receiver getting the delivery; the answer-based figure is printed too.
//
// First a warm-up at the same rate (`--warmup S`, 15 s by default), delivered in full before the
// measured schedule starts, its latency reported apart: a registry's steady traffic meets a
// portal that is already running. Measured cold, the first seconds held the p99: Next.js loads
// the route's code on its first request, V8 compiles the hot paths, and the sender opens its
// connections, so deliveries queued for 300 to 400 ms while the rest of the run stayed near 50.

import http from "node:http";
import { performance } from "node:perf_hooks";
import { arrivalStats, summarise } from "./arrival-stats.mjs";
import { coresUsed, cpuSnapshot } from "./cpu.mjs";
import { fmtInt, fmtMs, fmtS, log } from "./format.mjs";
import { makeEvents, postEnvelope, warmUpIngest } from "./ingest.mjs";
import { waitForDeliveries } from "./portal-run.mjs";
import { sleep } from "./wait.mjs";

/** Sends the envelopes on their schedule; resolves once every one sent has been answered. */
const sendOnSchedule = async (agent, options, envelopes, ports) => {
  const intervalMs = (options.batch / options.rate) * 1000;
  const sentAt = new Float64Array(envelopes.length).fill(NaN);
  const answeredAt = new Float64Array(envelopes.length).fill(NaN);
  const lateMs = [];
  const accepted = new Int32Array(envelopes.length); // deliveries the portal stored, per envelope
  const failures = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let skipped = 0;
  const inFlightPromises = new Set();

  const t0 = performance.now();
  for (let k = 0; k < envelopes.length; k += 1) {
    const due = t0 + k * intervalMs;
    const wait = due - performance.now();
    // setTimeout is good to about a millisecond; the due time, not the wait, keeps the pace.
    if (wait >= 1) await sleep(wait);
    if (inFlight >= options.ingestParallel) {
      skipped += 1;
      continue;
    }
    const now = performance.now();
    lateMs.push(Math.max(0, now - due));
    sentAt[k] = now;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const body = JSON.stringify({ events: envelopes[k] });
    const sending = postEnvelope(agent, ports[k % ports.length], body)
      .then((response) => {
        answeredAt[k] = performance.now();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 200)}`);
        accepted[k] = JSON.parse(response.text).deliveries;
      })
      .catch((error) => failures.push(error.message))
      .finally(() => {
        inFlight -= 1;
        inFlightPromises.delete(sending);
      });
    inFlightPromises.add(sending);
  }
  const scheduleEndedAt = performance.now();
  await Promise.all(inFlightPromises); // each bounded by the request timeout
  return { t0, intervalMs, sentAt, answeredAt, accepted, failures, skipped, maxInFlight, lateMs, scheduleEndedAt, answersEndedAt: performance.now() };
};

/** `seconds` of the rate's events, in envelopes of the batch size. */
const scheduleOf = (options, seconds) => {
  const envelopeCount = Math.max(1, Math.round((options.rate * seconds) / options.batch));
  const events = makeEvents(envelopeCount * options.batch);
  const envelopes = Array.from({ length: envelopeCount }, (_, k) => events.slice(k * options.batch, (k + 1) * options.batch));
  return { envelopeCount, events, envelopes };
};

/** Latency of the records against the envelopes' send times (the event's index in `events` names its envelope). */
const latencyOf = (records, events, sent, batch, extra = {}) => {
  const eventIndexByRequestId = new Map(events.map((event, i) => [event.request.id, i]));
  const envelopeOf = (i) => {
    const eventIndex = eventIndexByRequestId.get(records.requestIds[i]);
    return eventIndex === undefined ? undefined : Math.floor(eventIndex / batch);
  };
  return {
    fromSend: arrivalStats(records, { t0: sent.t0, ...extra, sentAtOf: (i) => sent.sentAt[envelopeOf(i)] }),
    fromAnswer: arrivalStats(records, { t0: sent.t0, sentAtOf: (i) => sent.answeredAt[envelopeOf(i)] }),
  };
};

/**
 * The warm-up: `options.warmup` seconds at the rate, every delivery awaited, the receiver's
 * records then set aside. Returns its deliveries and latency (null without a warm-up).
 */
const warmUp = async (options, agent, ports, receiver, label) => {
  if (options.warmup === 0) return null;
  const { events, envelopes } = scheduleOf(options, options.warmup);
  log(`[rate]     ${label}: warming up for ${options.warmup} s at the same rate (not measured)`);
  const sent = await sendOnSchedule(agent, options, envelopes, ports);
  if (sent.failures.length > 0) throw new Error(`the warm-up's envelopes failed: ${sent.failures[0]}`);
  const deliveries = sent.accepted.reduce((sum, n) => sum + n, 0);
  if (!(await waitForDeliveries(receiver, deliveries, sent.t0))) throw new Error("the warm-up's deliveries did not all arrive");
  const { fromSend } = latencyOf(receiver.take(), events, sent, options.batch);
  log(`[rate]     ${label}: warm-up delivered ${fmtInt(deliveries)}; send-to-delivery p50 ${fmtMs(fromSend.latency.p50)} ms, p99 ${fmtMs(fromSend.latency.p99)} ms`);
  return { seconds: options.warmup, deliveries, skipped: sent.skipped, latency: fromSend.latency };
};

/**
 * Runs the schedule against `portals` and returns the figures (same keys as runPortal where they
 * mean the same). `onMeasuring` is called when the warm-up is over and the measured run starts.
 */
export const runRate = async (options, portals, receiver, { label, databasePid = null, onMeasuring = () => undefined }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.ingestParallel });
  const ports = portals.map((portal) => portal.port);
  for (const port of ports) await warmUpIngest(agent, port);
  receiver.take();
  const warm = await warmUp(options, agent, ports, receiver, label);
  onMeasuring();
  const { envelopeCount, events, envelopes } = scheduleOf(options, options.duration);

  log(
    `[rate]     ${label}: ${fmtInt(options.rate)} events/s for ${options.duration} s = ${fmtInt(events.length)} events in ${fmtInt(envelopeCount)} envelopes of ${options.batch}` +
      ` (one every ${fmtMs((options.batch / options.rate) * 1000)} ms), at most ${options.ingestParallel} in flight`,
  );
  const cpu = () => cpuSnapshot(portals.map((portal) => portal.pid), databasePid);
  const cpuStart = cpu();
  const sent = await sendOnSchedule(agent, options, envelopes, ports);
  const cpuSent = cpu();
  const expected = sent.accepted.reduce((sum, n) => sum + n, 0);
  const sentEnvelopes = sent.sentAt.filter(Number.isFinite).length;
  const outstandingAtEnd = expected - receiver.distinctCount();
  const sendingMs = sent.scheduleEndedAt - sent.t0;
  log(
    `[rate]     ${label}: ${fmtInt(sentEnvelopes)}/${fmtInt(envelopeCount)} envelopes sent in ${fmtS(sendingMs)}` +
      ` (${fmtInt((sentEnvelopes * options.batch) / (sendingMs / 1000))} events/s), ${fmtInt(sent.skipped)} skipped (portal behind),` +
      ` ${sent.failures.length} failed; ${fmtInt(expected)} deliveries stored, ${fmtInt(Math.max(0, outstandingAtEnd))} not yet delivered when the schedule ended`,
  );
  if (sent.failures.length > 0) log(`           first failure: ${sent.failures[0]}`);
  const isComplete = await waitForDeliveries(receiver, expected, sent.t0);
  const cpuEnd = cpu();
  agent.destroy();

  const { fromSend, fromAnswer } = latencyOf(receiver.take(), events, sent, options.batch, { splitAt: sent.scheduleEndedAt });
  const answerMs = [];
  for (let k = 0; k < envelopeCount; k += 1) if (Number.isFinite(sent.answeredAt[k])) answerMs.push(sent.answeredAt[k] - sent.sentAt[k]);
  const answer = summarise(answerMs);
  const late = summarise(sent.lateMs);
  log(
    `[rate]     ${label}: ${fmtInt(fromSend.count)}/${fmtInt(expected)} distinct deliveries arrived${isComplete ? "" : " (gave up waiting)"}, ${fmtInt(fromSend.duplicates)} duplicates;` +
      ` send-to-delivery p50 ${fmtMs(fromSend.latency.p50)} ms, p99 ${fmtMs(fromSend.latency.p99)} ms, max ${fmtMs(fromSend.latency.max)} ms;` +
      ` last one ${fmtS(fromSend.last - sent.scheduleEndedAt)} after the schedule ended`,
  );

  return {
    mode: "rate",
    warmUp: warm,
    received: fromSend.count,
    duplicates: fromSend.duplicates,
    expected,
    scheduledEnvelopes: envelopeCount,
    scheduledEvents: events.length,
    sentEnvelopes,
    sentEventsPerS: (sentEnvelopes * options.batch) / (sendingMs / 1000),
    skipped: sent.skipped,
    failed: sent.failures.length,
    firstFailure: sent.failures[0] ?? null,
    maxInFlight: sent.maxInFlight,
    scheduleLateMs: late,
    envelopeAnswerMs: answer,
    latency: fromSend.latency,
    latencyFromAnswer: fromAnswer.latency,
    deliveredDuringSchedule: fromSend.beforeSplit,
    deliveriesPerSDuringSchedule: fromSend.beforeSplit / (sendingMs / 1000),
    outstandingAtEnd: Math.max(0, outstandingAtEnd),
    lastAfterScheduleMs: fromSend.count > 0 ? fromSend.last - sent.scheduleEndedAt : NaN,
    sendingMs,
    cpu: { ingest: coresUsed(cpuStart, cpuSent), drain: coresUsed(cpuSent, cpuEnd), total: coresUsed(cpuStart, cpuEnd) },
  };
};
