// Ingest: Distribution-shaped push events, sent to the portal's notifications endpoint in
// envelopes like a registry would.

import { createHash, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { request, sendInParallel } from "./http-client.mjs";
import { ENVELOPE_TYPE, HOST, MANIFEST_TYPE, REGISTRY_NAME, REPOSITORY, TOKEN } from "./settings.mjs";

/** `count` push events, each with its own manifest digest and tag and its own request id. */
export const makeEvents = (count) => {
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

/** POSTs one envelope body (`{ events: [...] }`), authenticated like the registry would be. */
export const postEnvelope = (agent, port, body) => {
  const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE, "Content-Length": Buffer.byteLength(body) };
  return request(agent, `http://${HOST}:${port}/api/registries/${REGISTRY_NAME}/notifications`, { method: "POST", headers, body });
};

/** Checks the endpoint's answer: every event accepted and fanned out to every webhook. */
const assertIngested = (response, eventCount, webhooks) => {
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${response.text.slice(0, 300)}`);
  const summary = JSON.parse(response.text);
  if (summary.accepted !== eventCount || summary.deliveries !== eventCount * webhooks) {
    throw new Error(`ingest stored less than sent (${eventCount} events × ${webhooks} webhooks): ${response.text}`);
  }
};

/**
 * One envelope of a pull event, which ACR ignores: it loads the route and checks the token
 * before the clock starts, and stores nothing.
 */
export const warmUpIngest = async (agent, port) => {
  const pull = { id: randomUUID(), action: "pull", target: { mediaType: MANIFEST_TYPE, repository: REPOSITORY, digest: "sha256:0" } };
  const response = await postEnvelope(agent, port, JSON.stringify({ events: [pull] }));
  if (response.status !== 200) throw new Error(`warm-up ingest answered ${response.status}: ${response.text.slice(0, 300)}`);
};

/**
 * Sends all events in envelopes of `batch`, at most `ingestParallel` in flight, envelope i to
 * `ports[i % ports.length]` (round-robin over the instances, as a load balancer would). Returns
 * when every envelope was answered, with each envelope's send time (the latency clock starts there).
 */
export const ingestAll = async (agent, options, events, ports) => {
  const envelopes = [];
  for (let i = 0; i < events.length; i += options.batch) envelopes.push(events.slice(i, i + options.batch));
  const sentAt = new Float64Array(envelopes.length);
  const answeredAt = new Float64Array(envelopes.length);
  await sendInParallel(envelopes.length, options.ingestParallel, async (index) => {
    const body = JSON.stringify({ events: envelopes[index] });
    sentAt[index] = performance.now();
    const response = await postEnvelope(agent, ports[index % ports.length], body);
    answeredAt[index] = performance.now();
    assertIngested(response, envelopes[index].length, options.webhooks);
  });
  return { sentAt, answeredAt, envelopeCount: envelopes.length, endedAt: performance.now() };
};

/** Mean answer time of the first and the last tenth of the envelopes. */
export const envelopeTimes = ({ sentAt, answeredAt }) => {
  const tenth = Math.max(1, Math.floor(sentAt.length / 10));
  const mean = (from, to) => {
    let sum = 0;
    for (let i = from; i < to; i += 1) sum += answeredAt[i] - sentAt[i];
    return sum / (to - from);
  };
  return { first: mean(0, tenth), last: mean(sentAt.length - tenth, sentAt.length) };
};
