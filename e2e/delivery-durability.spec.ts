import path from "node:path";
import { expect, gotoBlade, test } from "./fixtures";
import { hashToken } from "../lib/security/token-hash";
import { openDatabase, type Database } from "./support/database";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { freshDatabase, startPortal, type PortalProcess } from "./support/portal-process";
import { E2E_OWNER, extraPortalPort } from "./support/settings";
import { signIn } from "./support/sign-in";
import type { Receiver } from "./support/receiver";
import { E2E_OUTBOUND_ALLOWLIST } from "./support/settings";
import { sealStored } from "./support/stored-secrets";

// These tests run their own portal processes (not the shared web server): one is killed
// with SIGKILL mid-delivery, and two share one database.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const TOKEN = "durability-token-0123456789";
const portalEnv = (databaseUrl: string) => ({
  DATABASE_URL: databaseUrl,
  REGISTRY_NAME: "durableregistry",
  REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
  WEBHOOK_TIMEOUT_MS: "2000",
  WEBHOOK_RETRY_SCHEDULE: Array(10).fill("1s").join(","),
  OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
});

const seed = async (db: Database, receiver: Receiver, path: string) => {
  const registry = await db.registry.findUniqueOrThrow({ where: { name: "durableregistry" } });
  expect(registry.tokenHash).toBe(hashToken(TOKEN));
  const secrets = sealStored({ serviceUri: receiver.url(path), customHeaders: "[]" });
  await db.webhook.create({ data: { registryId: registry.id, name: "durablehook", ...secrets, actions: "push" } });
};

const ingest = async (portal: PortalProcess, count: number) => {
  const events = Array.from({ length: count }, (_, index) => manifestPush("app", `v${index}`));
  const response = await fetch(`${portal.url}/api/registries/durableregistry/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
    body: JSON.stringify({ events }),
  });
  expect(await response.json()).toMatchObject({ accepted: count, deliveries: count });
};

/** How many 200 answers each delivery id got. */
const acceptedCounts = (receiver: Receiver, path: string) => {
  const counts = new Map<string, number>();
  for (const got of receiver.requestsTo(path)) {
    if (got.status === 200) counts.set(JSON.parse(got.body).id, (counts.get(JSON.parse(got.body).id) ?? 0) + 1);
  }
  return counts;
};

test("deliveries pending when the server is killed are sent after restart, each exactly once", async ({ receiver }) => {
  const databaseUrl = await freshDatabase(path.resolve("data/durability-crash.db"));
  const first = await startPortal(extraPortalPort(1), portalEnv(databaseUrl));
  const db = openDatabase(databaseUrl);
  let second: PortalProcess | null = null;
  try {
    await seed(db, receiver, "/gate/crash");
    await ingest(first, 20);
    // Every delivery has been tried once and refused (503): all are waiting for a retry.
    await expect.poll(() => new Set(receiver.requestsTo("/gate/crash").map((got) => got.body)).size).toBe(20);
    await first.kill("SIGKILL");

    receiver.openGate();
    second = await startPortal(extraPortalPort(1), portalEnv(databaseUrl));
    await expect
      .poll(async () => db.delivery.count({ where: { state: "delivered" } }), { timeout: 90_000 })
      .toBe(20);
    const counts = acceptedCounts(receiver, "/gate/crash");
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  } finally {
    await second?.kill("SIGTERM");
    await first.kill("SIGKILL");
    await db.$disconnect();
  }
});

// Ctrl+C in a terminal and systemd's stop signal npm and the server together, and npm passes its
// copy on: the server gets the signal twice at once, which must not count as "stop waiting".
for (const { how, signal, toGroup, file } of [
  { how: "SIGTERM", signal: "SIGTERM", toGroup: false, file: "durability-term.db" },
  { how: "Ctrl+C (SIGINT to npm and the server at once)", signal: "SIGINT", toGroup: true, file: "durability-ctrl-c.db" },
] as const) {
test(`${how} lets the requests in flight finish, records them and hands back the rest, so a restart sends nothing twice`, async ({ receiver }) => {
  const databaseUrl = await freshDatabase(path.resolve(`data/${file}`));
  const portal = await startPortal(extraPortalPort(1), portalEnv(databaseUrl));
  const db = openDatabase(databaseUrl);
  try {
    const registry = await db.registry.findUniqueOrThrow({ where: { name: "durableregistry" } });
    // One receiver answers after 1.5 s (within the portal's 2 s timeout), one never answers.
    for (const [name, uri] of [["answers", receiver.url("/delay/1500/term")], ["hangs", receiver.url("/slow/term")]]) {
      await db.webhook.create({ data: { registryId: registry.id, name, actions: "push", ...sealStored({ serviceUri: uri, customHeaders: "[]" }) } });
    }
    const events = Array.from({ length: 10 }, (_, index) => manifestPush("app", `v${index}`));
    const response = await fetch(`${portal.url}/api/registries/durableregistry/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
      body: JSON.stringify({ events }),
    });
    expect(await response.json()).toMatchObject({ accepted: 10, deliveries: 20 });
    // All 20 requests are in flight when the signal comes.
    await expect.poll(() => receiver.requests.length).toBe(20);
    await portal.kill(signal, { toGroup });

    const deliveries = await db.delivery.findMany({ include: { attempts: true, webhook: true } });
    const answered = deliveries.filter((delivery) => delivery.webhook.name === "answers");
    const hung = deliveries.filter((delivery) => delivery.webhook.name === "hangs");
    // Answered while shutting down: recorded as delivered, so no one sends them again.
    expect(answered.map((delivery) => [delivery.state, delivery.attempts.map((attempt) => attempt.responseStatus)])).toEqual(
      Array(10).fill(["delivered", [200]]),
    );
    // Timed out while shutting down: recorded, waiting for their retry, and no longer leased.
    expect(hung.map((delivery) => [delivery.state, delivery.attempts.map((attempt) => attempt.error)])).toEqual(
      Array(10).fill(["pending", ["Timed out after 2 s"]]),
    );
    expect(deliveries.every((delivery) => delivery.leaseOwner === "" && delivery.leaseUntil === 0)).toBe(true);
    expect(receiver.requests).toHaveLength(20);
  } finally {
    await portal.kill("SIGKILL");
    await db.$disconnect();
  }
});
}

test("two server processes on one database never send the same delivery twice", async ({ receiver }) => {
  const databaseUrl = await freshDatabase(path.resolve("data/durability-shared.db"));
  const first = await startPortal(extraPortalPort(1), portalEnv(databaseUrl));
  // Started beside the first as the README says; if it cannot start, the first is stopped too.
  const second = await startPortal(extraPortalPort(2), portalEnv(databaseUrl)).catch(async (error: unknown) => {
    await first.kill("SIGTERM");
    throw error;
  });
  const portals = [first, second];
  const db = openDatabase(databaseUrl);
  try {
    await seed(db, receiver, "/shared");
    await Promise.all([ingest(portals[0], 100), ingest(portals[1], 100)]);
    await expect.poll(async () => db.delivery.count({ where: { state: "delivered" } }), { timeout: 60_000 }).toBe(200);
    const counts = acceptedCounts(receiver, "/shared");
    expect(counts.size).toBe(200);
    expect(receiver.requestsTo("/shared")).toHaveLength(200);
  } finally {
    await Promise.all(portals.map((portal) => portal.kill("SIGTERM")));
    await db.$disconnect();
  }
});

test("the events table follows a retrying delivery to Delivered without a reload", async ({ page, receiver }) => {
  // Many quick retries, so the delivery stays "Retrying" for as long as the test needs.
  const databaseUrl = await freshDatabase(path.resolve("data/durability-refresh.db"));
  const portal = await startPortal(extraPortalPort(1), { ...portalEnv(databaseUrl), WEBHOOK_RETRY_SCHEDULE: Array(60).fill("1s").join(",") });
  const db = openDatabase(databaseUrl);
  try {
    await seed(db, receiver, "/gate/refresh");
    await ingest(portal, 1);
    await expect.poll(() => receiver.requestsTo("/gate/refresh").length).toBeGreaterThan(0);

    await signIn(page, E2E_OWNER, portal.url);
    await gotoBlade(page, `${portal.url}/registries/durableregistry/webhooks/durablehook`);
    const state = page.getByRole("table", { name: "Events" }).getByRole("row").nth(1).getByRole("cell").nth(5);
    await expect(state).toHaveText(/^Retrying at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    receiver.openGate();
    await expect(state).toHaveText("Delivered", { timeout: 15_000 });
  } finally {
    await portal.kill("SIGTERM");
    await db.$disconnect();
  }
});
