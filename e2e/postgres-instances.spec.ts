import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { expect, test } from "./fixtures";
import { encryptSecret } from "../lib/crypto/secret-box";
import { generateSigningSecret } from "../lib/crypto/webhook-signature";
import { hashToken } from "../lib/security/token-hash";
import { openDatabase, type Database } from "./support/database";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { processGroupMembers, startPortal, type PortalProcess } from "./support/portal-process";
import { dropPostgresDatabase, freshPostgresDatabase, postgresPortalEnv } from "./support/postgres";
import type { ReceivedRequest, Receiver } from "./support/receiver";
import { E2E_OUTBOUND_ALLOWLIST, E2E_OWNER, extraPortalPort } from "./support/settings";
import { e2eSecretKey, sealStored } from "./support/stored-secrets";

// Scale-out on PostgreSQL: three portal processes (`npm run serve`, as an operator adds
// instances) on one database. Registry notifications are spread over all three; mid fan-out one
// instance is killed outright and another stopped gracefully. Every delivery must still reach
// the receiver, and only the requests the killed instance had sent but not yet recorded may
// arrive twice. Then the Ping limit must hold whichever instance a ping lands on.
test.describe.configure({ timeout: 420_000 });

const DATABASE = "e2e_instances";
const REGISTRY = "instancesregistry";
const TOKEN = "instances-notifications-token-0123456789";
const PORTS = [extraPortalPort(701), extraPortalPort(702), extraPortalPort(703)];
const EVENTS = 5_000;
const WEBHOOKS = 4;
const ENVELOPE_SIZE = 50;
/** Requests each instance keeps in flight. */
const CONCURRENCY = 32;
/** Fan-out progress (receipts) at which the two instances are stopped. */
const STOP_AFTER = 3_000;

const portalEnv = (databaseUrl: string) => ({
  ...postgresPortalEnv(databaseUrl),
  REGISTRY_NAME: REGISTRY,
  REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
  OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
  DELIVERY_CONCURRENCY: String(CONCURRENCY),
  // A killed instance's leases run out after twice this + 10 s; then another instance takes them.
  WEBHOOK_TIMEOUT_MS: "2000",
  WEBHOOK_RETRY_SCHEDULE: Array(10).fill("1s").join(","),
  WEBHOOK_EVENT_RETENTION: String(2 * EVENTS),
});

type Live = { portal: PortalProcess; isLive: boolean };

/** Starts a portal on each port at once; if one fails, stops the others before throwing. */
const startPortals = async (ports: number[], env: Record<string, string>) => {
  const started = await Promise.allSettled(ports.map((port) => startPortal(port, env)));
  const portals = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failure = started.find((result) => result.status === "rejected");
  if (failure) {
    await Promise.all(portals.map((portal) => portal.kill("SIGKILL")));
    throw failure.reason;
  }
  return portals;
};

/**
 * Posts `events` in envelopes spread round-robin over the live instances, three at a time. An
 * envelope that gets no 2xx (its instance died or is draining) goes to the next live instance,
 * as Distribution retries through a load balancer; ingest is idempotent by event id.
 */
const ingestSpread = async (instances: Live[], events: unknown[]) => {
  const envelopes = Array.from({ length: Math.ceil(events.length / ENVELOPE_SIZE) }, (_, i) =>
    JSON.stringify({ events: events.slice(i * ENVELOPE_SIZE, (i + 1) * ENVELOPE_SIZE) }),
  );
  let next = 0;
  let retried = 0;
  const send = async (index: number) => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const live = instances.filter((instance) => instance.isLive);
      const { portal } = live[(index + attempt) % live.length];
      const answer = await fetch(`${portal.url}/api/registries/${REGISTRY}/notifications`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
        body: envelopes[index],
      }).then((response) => response.status, () => 0);
      if (answer >= 200 && answer < 300) return;
      retried += 1;
    }
    throw new Error(`envelope ${index} was refused by every instance 10 times`);
  };
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (next < envelopes.length) await send(next++);
    }),
  );
  return { envelopes: envelopes.length, retried };
};

/**
 * Each delivery id with the times it was received, by the webhook-id header (the webhooks are
 * signed); and the requests whose payload names another id (none expected).
 */
const receiptsById = (requests: ReceivedRequest[]) => {
  const receipts = new Map<string, number[]>();
  const mismatched: string[] = [];
  for (const request of requests) {
    const id = String(request.headers["webhook-id"]);
    if ((JSON.parse(request.body) as { id: string }).id !== id) mismatched.push(id);
    receipts.set(id, [...(receipts.get(id) ?? []), request.receivedAt]);
  }
  return { receipts, mismatched };
};

const seedWebhooks = async (db: Database, receiver: Receiver) => {
  const registry = await db.registry.findUniqueOrThrow({ where: { name: REGISTRY } });
  expect(registry.tokenHash).toBe(hashToken(TOKEN));
  for (let i = 0; i < WEBHOOKS; i += 1) {
    // A short delay at the receiver keeps requests in flight when the instances are stopped.
    const secrets = sealStored({ serviceUri: receiver.url(`/delay/20/instances${i}`), customHeaders: "[]" });
    const signingSecret = encryptSecret(generateSigningSecret(), e2eSecretKey());
    await db.webhook.create({ data: { registryId: registry.id, name: `fanout${i}hook`, actions: "push", signingSecret, ...secrets } });
  }
  return registry;
};

test("three instances on one PostgreSQL database deliver every event through a SIGKILL and a SIGTERM, and share the Ping limit", async ({ receiver }) => {
  const databaseUrl = await freshPostgresDatabase(DATABASE);
  const env = portalEnv(databaseUrl);
  // Started together: each migrates first (`npm run serve`), one at a time under the advisory lock.
  const instances: Live[] = (await startPortals(PORTS, env)).map((portal) => ({ portal, isLive: true }));
  const db = openDatabase(databaseUrl);
  try {
    const registry = await seedWebhooks(db, receiver);
    const events = Array.from({ length: EVENTS }, (_, i) => manifestPush("app", `v${i}`));

    const started = Date.now();
    const ingesting = ingestSpread(instances, events);
    await expect.poll(() => receiver.requests.length, { timeout: 120_000 }).toBeGreaterThanOrEqual(STOP_AFTER);
    const [killed, terminated] = instances;
    killed.isLive = false;
    terminated.isLive = false;
    const killedOwners = (await processGroupMembers(killed.portal.processGroup)).map((pid) => `${hostname()}:${pid}:`);
    const terminating = terminated.portal.kill("SIGTERM");
    await killed.portal.kill("SIGKILL");
    // What the killed instance had claimed and not yet recorded: sent (or being sent) and
    // perhaps received, but unknown to the database, or claimed ahead and never sent. Its leases
    // stay until they expire (2 × 2 s + 10 s after each claim); then the others send these.
    const unrecorded = new Set(
      (await db.delivery.findMany({ where: { state: "pending", OR: killedOwners.map((owner) => ({ leaseOwner: { startsWith: owner } })) }, select: { id: true } })).map(
        (delivery) => delivery.id,
      ),
    );
    await terminating;
    const ingest = await ingesting;
    // A rolling restart: both come back on their ports, beside the instance that kept serving.
    [killed.portal, terminated.portal] = await startPortals(PORTS.slice(0, 2), env);
    killed.isLive = true;
    terminated.isLive = true;

    expect(await db.registryEvent.count({ where: { registryId: registry.id } })).toBe(EVENTS);
    expect(await db.delivery.count()).toBe(EVENTS * WEBHOOKS);
    await expect
      .poll(async () => db.delivery.count({ where: { state: { not: "delivered" } } }), { timeout: 300_000, intervals: [1_000] })
      .toBe(0);
    const fanOutMs = Date.now() - started;

    const { receipts, mismatched } = receiptsById(receiver.requests);
    expect(mismatched).toEqual([]);
    const stored = new Set((await db.delivery.findMany({ select: { id: true } })).map((delivery) => delivery.id));
    expect(receipts.size).toBe(EVENTS * WEBHOOKS);
    expect([...receipts.keys()].every((id) => stored.has(id))).toBe(true);
    expect(receiver.requests.every((request) => request.status === 200)).toBe(true);
    const duplicates = [...receipts].filter(([, times]) => times.length > 1);
    test.info().annotations.push(
      {
        type: "duplicates",
        description: `${duplicates.length} of ${EVENTS * WEBHOOKS} deliveries received twice; the killed instance had ${unrecorded.size} claimed and unrecorded (DELIVERY_CONCURRENCY ${CONCURRENCY}, plus answers waiting for their batched record)`,
      },
      { type: "timing", description: `${ingest.envelopes} envelopes (${ingest.retried} sent again after a refusal); fan-out done in ${Math.round(fanOutMs / 1000)} s` },
    );
    // Only those may arrive twice: sent by the killed instance, then again by another.
    expect(duplicates.filter(([id, times]) => !unrecorded.has(id) || times.length > 2)).toEqual([]);

    // The Ping limit (5 a minute per webhook and user) counts across instances.
    const owner = await db.user.findUniqueOrThrow({ where: { email: E2E_OWNER.email } });
    const token = `rwt_${randomBytes(32).toString("base64url")}`;
    await db.apiToken.create({ data: { userId: owner.id, name: "instances", prefix: token.slice(0, 8), tokenHash: hashToken(token), role: "owner" } });
    const secrets = sealStored({ serviceUri: receiver.url("/pinged"), customHeaders: "[]" });
    await db.webhook.create({ data: { registryId: registry.id, name: "pingedhook", actions: "push", ...secrets } });
    const ping = ({ portal }: Live) =>
      fetch(`${portal.url}/api/registries/${REGISTRY}/webhooks/pingedhook/ping`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    for (let sent = 0; sent < 5; sent += 1) expect((await ping(instances[sent % 3])).status).toBe(200);
    for (const instance of instances) {
      const refused = await ping(instance);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(receiver.requestsTo("/pinged")).toHaveLength(5);
  } finally {
    await Promise.all(instances.map(({ portal }) => portal.kill("SIGTERM")));
    await db.$disconnect();
    await dropPostgresDatabase(DATABASE);
  }
});
