import { expect, seedWebhook, test } from "./fixtures";
import { openDatabase } from "./support/database";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { startHoldingReceiver } from "./support/holding-receiver";
import { startPortal, type PortalProcess } from "./support/portal-process";
import { freshPortalDatabase } from "./support/portal-database";
import { E2E_OUTBOUND_ALLOWLIST } from "./support/settings";
import type { E2ETarget } from "./support/targets";

// One receiver that never answers must not take every delivery slot: no webhook has more than
// WEBHOOK_MAX_IN_FLIGHT deliveries in flight, so the others' keep flowing while its requests
// wait for their timeout. A portal of its own with few slots and a small cap: the hanging
// webhook's deliveries are queued first, so without the cap they would fill all 8 slots until
// they time out, and the answering webhook's deliveries would wait for that.
test.describe.configure({ timeout: 120_000 });

const REGISTRY = "fairregistry";
const TOKEN = "fairness-notifications-token-0123456789";
const CONCURRENCY = 8;
const CAP = 3;
/** Long enough for the answering webhook's deliveries to all arrive before the first one ends. */
const TIMEOUT_MS = 5_000;
const HELD_EVENTS = 20;
const ANSWERED_EVENTS = 40;
/** Held requests open while the hanging webhook has more due than its cap. */
const SATURATED = Math.min(CAP, HELD_EVENTS);

const portalDatabase = (target: E2ETarget) =>
  freshPortalDatabase(target, { name: "fairness", sqlitePortOffset: 801, postgresPortOffset: 802 });

const ingest = async (portal: PortalProcess, events: ReturnType<typeof manifestPush>[]) => {
  const response = await fetch(`${portal.url}/api/registries/${REGISTRY}/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
    body: JSON.stringify({ events }),
  });
  expect(await response.json()).toMatchObject({ accepted: events.length, deliveries: events.length });
};

const pushes = (repository: string, count: number) => Array.from({ length: count }, (_, i) => manifestPush(repository, `v${i}`));

test("a receiver that never answers holds at most WEBHOOK_MAX_IN_FLIGHT requests, and another webhook's deliveries all arrive meanwhile", async ({ target }) => {
  const database = await portalDatabase(target);
  const receiver = await startHoldingReceiver();
  const db = openDatabase(database.env.DATABASE_URL);
  let portal: PortalProcess | null = null;
  try {
    portal = await startPortal(database.port, {
      ...database.env,
      REGISTRY_NAME: REGISTRY,
      REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
      OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
      WEBHOOK_MAX_IN_FLIGHT: String(CAP),
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    await seedWebhook(db, { registry: REGISTRY, name: "holdinghook", serviceUri: receiver.url("/hold"), scope: "held:*" });
    const answering = await seedWebhook(db, { registry: REGISTRY, name: "answeringhook", serviceUri: receiver.url("/answer"), scope: "answered:*" });

    // The hanging webhook's deliveries first: older, so every claim takes them first.
    await ingest(portal, pushes("held", HELD_EVENTS));
    await expect.poll(() => receiver.heldOpen()).toBeGreaterThanOrEqual(SATURATED);
    const answered = pushes("answered", ANSWERED_EVENTS);
    await ingest(portal, answered);

    // Every answering delivery arrives while the held requests are all still open (none has
    // timed out yet), and no more than the cap of them: wait for the one or the other.
    await expect
      .poll(() => receiver.answered.length === ANSWERED_EVENTS || receiver.heldEnded() > 0, { timeout: TIMEOUT_MS + 10_000 })
      .toBe(true);
    expect({
      arrived: receiver.answered.length,
      beforeAnyHeldEnded: receiver.answered.filter((got) => got.heldEnded === 0).length,
      heldOpenMeanwhile: [...new Set(receiver.answered.map((got) => got.heldOpen))],
    }).toEqual({ arrived: ANSWERED_EVENTS, beforeAnyHeldEnded: ANSWERED_EVENTS, heldOpenMeanwhile: [SATURATED] });
    // Each exactly once.
    const tags = receiver.answered.map((got) => (JSON.parse(got.body) as { target: { tag: string } }).target.tag);
    expect(tags.sort()).toEqual(answered.map((event) => event.target.tag).sort());
    expect(receiver.heldOpen()).toBe(SATURATED);
    await expect
      .poll(() => db.delivery.count({ where: { webhookId: answering.id, state: "delivered", attemptCount: 1 } }))
      .toBe(ANSWERED_EVENTS);

    // Once the first held requests time out, the next held deliveries take their places, and
    // still no more than the cap are open at once.
    await expect.poll(() => receiver.heldArrived(), { timeout: TIMEOUT_MS + 15_000 }).toBeGreaterThanOrEqual(2 * CAP);
    await expect.poll(() => receiver.heldOpen()).toBe(SATURATED);
    // Recorded in batches, a moment after the timeouts.
    await expect
      .poll(() => db.attempt.count({ where: { error: `Timed out after ${TIMEOUT_MS / 1000} s` } }))
      .toBeGreaterThanOrEqual(CAP);
    expect(receiver.maxHeldOpen()).toBe(SATURATED);
  } finally {
    // Ends the held requests first, so the portal's graceful stop does not wait for their timeout.
    await receiver.close();
    await portal?.kill("SIGTERM");
    await db.$disconnect();
    await database.drop();
  }
});
