import { afterEach, describe, expect, it, vi } from "vitest";
import type { Claimed } from "../db/delivery-store-types";
import type { Outcome } from "./deliver-one";

// The delivery loop claims ahead: besides its `concurrency` requests in flight it keeps as many
// claimed deliveries in a backlog, so a claim that waits for the database never leaves its
// slots empty, while no webhook ever has more than `cap` requests in flight. The queue here is
// an in-memory stand-in for the database's claim (the claim's SQL has its own tests in
// lib/db/delivery-store.suite.ts); requests are held until the test lets them end.

const queue: Claimed[] = [];
const claimLimits: number[] = [];

vi.mock("../db/delivery-store", () => ({
  deliveryStore: {
    // Oldest first, none of a webhook beyond `cap` counting what the loop already holds.
    claimDue: async (_owner: string, _leaseUntil: number, limit: number, cap: number, held: ReadonlyMap<string, number>) => {
      claimLimits.push(limit);
      const taken = new Map(held);
      const picked: Claimed[] = [];
      for (const delivery of [...queue]) {
        if (picked.length === limit) break;
        if ((taken.get(delivery.webhookId) ?? 0) >= cap) continue;
        taken.set(delivery.webhookId, (taken.get(delivery.webhookId) ?? 0) + 1);
        picked.push(delivery);
        queue.splice(queue.indexOf(delivery), 1);
      }
      return picked;
    },
    targets: async () => [],
    settle: async () => [],
    releaseLeases: async () => 0,
  },
}));

const { DeliveryLoop } = await import("./delivery-loop");

let nextSeq = 1;
const enqueue = (webhookId: string, count: number) => {
  for (let i = 0; i < count; i += 1, nextSeq += 1) queue.push({ seq: nextSeq, id: `d${nextSeq}`, webhookId, payload: "{}", attemptCount: 0 });
};

/** A dispatch whose requests end when the test says; it tracks what is in flight. */
const heldRequests = () => {
  const inFlight = new Map<string, () => void>();
  const byWebhook = new Map<string, number>();
  let most = 0;
  const sent: Claimed[] = [];
  const dispatch = (claimed: Claimed) =>
    new Promise<Outcome>((resolve) => {
      sent.push(claimed);
      byWebhook.set(claimed.webhookId, (byWebhook.get(claimed.webhookId) ?? 0) + 1);
      most = Math.max(most, inFlight.size + 1);
      inFlight.set(claimed.id, () => {
        inFlight.delete(claimed.id);
        byWebhook.set(claimed.webhookId, byWebhook.get(claimed.webhookId)! - 1);
        resolve({ attempt: null, state: "delivered", lastStatus: "200", nextAttemptAt: 0 });
      });
    });
  /** Ends the requests in flight of `webhookId` (every webhook when omitted). */
  const finish = (webhookId?: string) => {
    for (const [id, end] of [...inFlight]) if (!webhookId || sent.find((claimed) => claimed.id === id)!.webhookId === webhookId) end();
  };
  return { dispatch, inFlight, byWebhook, sent, finish, most: () => most };
};

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

let running: InstanceType<typeof DeliveryLoop> | null = null;
let current: ReturnType<typeof heldRequests> | null = null;

/** Starts a loop with 4 slots and `cap` per webhook; its requests end when the test says. */
const startLoop = (cap: number) => {
  const requests = (current = heldRequests());
  running = new DeliveryLoop("loop-test", 4, requests.dispatch, { cap });
  running.start();
  return requests;
};
afterEach(async () => {
  queue.length = 0;
  claimLimits.length = 0;
  // Stop waits for the requests in flight: end them until it is done.
  let isStopped = false;
  const stopped = running?.stop().then(() => (isStopped = true));
  while (running && !isStopped) {
    current?.finish();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await stopped;
  running = null;
  current = null;
});

describe("DeliveryLoop", () => {
  it("keeps a backlog as large as its slots, and never more than `concurrency` in flight", async () => {
    enqueue("a", 10);
    enqueue("b", 10);
    const requests = startLoop(4);
    await until(() => requests.inFlight.size === 4);
    // 4 in flight and 4 claimed ahead: 12 of the 20 are still in the queue.
    expect(claimLimits[0]).toBe(8);
    expect(queue).toHaveLength(12);
    // End what is in flight, round after round, until all 20 have been sent.
    for (let round = 0; round < 10 && requests.sent.length < 20; round += 1) {
      requests.finish();
      await until(() => requests.inFlight.size > 0 || requests.sent.length === 20);
    }
    await until(() => requests.sent.length === 20);
    requests.finish();
    expect(requests.most()).toBeLessThanOrEqual(4);
    expect(new Set(requests.sent.map((claimed) => claimed.id)).size).toBe(20);
  });

  it("sends past a webhook at its cap: its claimed deliveries wait in the backlog, the others' go", async () => {
    enqueue("slow", 6);
    enqueue("fast", 6);
    const requests = startLoop(2);
    // "slow" never answers here: it holds its 2 slots, and the rest go to "fast".
    for (let round = 0; round < 20 && requests.sent.filter((claimed) => claimed.webhookId === "fast").length < 6; round += 1) {
      await until(() => requests.inFlight.size >= 3);
      expect(requests.byWebhook.get("slow")).toBe(2);
      requests.finish("fast");
    }
    expect(requests.sent.filter((claimed) => claimed.webhookId === "fast")).toHaveLength(6);
    expect(requests.sent.filter((claimed) => claimed.webhookId === "slow")).toHaveLength(2);
    // Claimed ahead, at most its cap again: 2 in flight and 2 waiting, 2 left in the queue.
    expect(queue.filter((claimed) => claimed.webhookId === "slow")).toHaveLength(2);
    requests.finish();
  });
});
