import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

// Test receivers' storage on a real database with the real migrations: run on SQLite and on
// PostgreSQL by store.<kind>.test.ts.

export const describeTestReceiverStore = (kind: DatabaseKind) => {
  const database = temporaryDatabase(`test-receivers-${kind}`, kind);

  type Db = typeof import("../db").db;
  let db: Db;
  let store: typeof import("./store");
  let limits: typeof import("./limits");

  beforeAll(async () => {
    db = await database.open();
    store = await import("./store");
    limits = await import("./limits");
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const now = new Date("2026-12-03T12:00:00Z");
  const DAY_MS = 24 * 60 * 60 * 1000;
  let serial = 0;

  const newReceiver = async (expiresAt = new Date(now.getTime() + 7 * DAY_MS)) => {
    serial += 1;
    const id = `receiver${String(serial).padStart(24, "0")}`;
    await db.testReceiver.create({ data: { id, name: `receiver ${serial}`, createdBy: "someone@example.test", createdAt: now, expiresAt } });
    return id;
  };

  const incoming = (body: string) => ({
    method: "POST",
    query: "a=1",
    headers: [["content-type", "application/json"]] as [string, string][],
    body,
    isTruncated: false,
    sourceAddress: "127.0.0.1",
  });

  describe("recordRequest", () => {
    it("keeps a receiver's latest 100 requests, deleting the oldest as new ones arrive", async () => {
      const id = await newReceiver();
      const other = await newReceiver();
      await store.recordRequest(other, incoming("other"));
      for (let index = 1; index <= limits.KEPT_REQUESTS + 5; index += 1) await store.recordRequest(id, incoming(`body ${index}`));

      const kept = await store.requestsOf(id);
      expect(kept).toHaveLength(limits.KEPT_REQUESTS);
      expect(kept[0].body).toBe(`body ${limits.KEPT_REQUESTS + 5}`);
      expect(kept.at(-1)!.body).toBe("body 6");
      expect(await db.testReceiverRequest.count({ where: { receiverId: id } })).toBe(limits.KEPT_REQUESTS);
      // Another receiver's requests are not its to cut.
      expect((await store.requestsOf(other)).map((request) => request.body)).toEqual(["other"]);
    });

    it("stores what arrived: method, query, headers in order, body and its flag, source and time", async () => {
      const id = await newReceiver();
      await store.recordRequest(id, { ...incoming("x"), method: "PUT", headers: [["x-one", "1"], ["x-two", "2"]], isTruncated: true }, now);
      expect(await store.requestsOf(id)).toEqual([
        expect.objectContaining({ method: "PUT", query: "a=1", headers: [["x-one", "1"], ["x-two", "2"]], body: "x", isTruncated: true, sourceAddress: "127.0.0.1", receivedAt: now.toISOString() }),
      ]);
    });
  });

  describe("liveReceiver", () => {
    it("answers for a live receiver, and not for an expired or unknown one", async () => {
      const live = await newReceiver();
      const expired = await newReceiver(new Date(now.getTime() - 1));
      expect(await store.liveReceiver(live, now)).toEqual({ id: live, mode: "ok" });
      expect(await store.liveReceiver(expired, now)).toBeNull();
      expect(await store.liveReceiver("no-such-receiver", now)).toBeNull();
    });
  });

  describe("pruneExpiredReceivers", () => {
    it("deletes expired receivers with their requests, in small batches, and keeps live ones", async () => {
      await db.testReceiverRequest.deleteMany();
      await db.testReceiver.deleteMany();
      const expired = [];
      for (let index = 0; index < 2 * limits.PRUNE_BATCH + 1; index += 1) expired.push(await newReceiver(new Date(now.getTime() - (index + 1) * DAY_MS)));
      for (const id of expired.slice(0, 3)) await store.recordRequest(id, incoming("gone"));
      const live = await newReceiver();
      await store.recordRequest(live, incoming("kept"));

      const batches = vi.spyOn(db.testReceiver, "findMany");
      expect(await store.pruneExpiredReceivers(now)).toBe(expired.length);
      // Three batches: two full ones and the last one short.
      expect(batches).toHaveBeenCalledTimes(3);
      batches.mockRestore();

      expect((await db.testReceiver.findMany()).map((receiver) => receiver.id)).toEqual([live]);
      expect((await db.testReceiverRequest.findMany()).map((request) => request.body)).toEqual(["kept"]);
      expect(await store.pruneExpiredReceivers(now)).toBe(0);
    });

    it("keeps a receiver until the moment it expires", async () => {
      const id = await newReceiver(new Date(now.getTime() + 1));
      expect(await store.pruneExpiredReceivers(now)).toBe(0);
      expect(await store.pruneExpiredReceivers(new Date(now.getTime() + 1))).toBe(1);
      expect(await db.testReceiver.findUnique({ where: { id } })).toBeNull();
    });
  });
};
