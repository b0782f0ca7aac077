import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestDelete, manifestPush } from "../../e2e/support/distribution-events";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import type { RawEvent } from "../registry/distribution";

// The delivery queue's life on one database, through the real migrations: ingest fans events
// out once, remembers tags for deletes, claims never hand one delivery to two workers, and
// settling records attempts only for the worker still holding the lease. Run on SQLite and
// on PostgreSQL by lib/db/delivery-store.<kind>.test.ts.

/** A per-webhook cap no test reaches, for tests about something else. */
const NO_CAP = 1024;
/** The claiming owner's own requests in flight, by webhook: none. */
const NONE = new Map<string, number>();

export const describeDeliveryStore = (kind: DatabaseKind) => {
  const database = temporaryDatabase(`store-${kind}`, kind);
  process.env.SECRET_KEY ||= "delivery store unit test secret key";

  type Db = typeof import("../db").db;
  let db: Db;
  let store: typeof import("./delivery-store").deliveryStore;
  let ingestNotifications: typeof import("../registry/ingest").ingestNotifications;
  let registry: { id: string; name: string; host: string };

  beforeAll(async () => {
    db = await database.open();
    ({ deliveryStore: store } = await import("./delivery-store"));
    ({ ingestNotifications } = await import("../registry/ingest"));
    registry = await db.registry.create({ data: { name: `store${kind}` } });
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const webhook = (name: string, actions: string, scope = "") =>
    db.webhook.create({ data: { registryId: registry.id, name, serviceUri: "http://127.0.0.1:9/x", actions, scope } });

  const imagesOf = async (webhookId: string) =>
    (await db.delivery.findMany({ where: { webhookId }, orderBy: { seq: "asc" }, select: { action: true, image: true } })).map(
      ({ action, image }) => `${action} ${image}`,
    );

  const clearQueue = async () => {
    await db.delivery.deleteMany();
    await db.webhook.deleteMany();
  };

  describe(`the delivery store on ${kind}`, () => {
    it("finds the registry an envelope names by its exact name, with its token's hash and host, and nothing for another name", async () => {
      const named = await db.registry.create({ data: { name: `ingest${kind}`, host: "registry.example:5000", tokenHash: "f".repeat(64) } });
      expect(await store.ingestRegistry(`ingest${kind}`)).toEqual({ id: named.id, name: named.name, host: "registry.example:5000", tokenHash: "f".repeat(64) });
      for (const other of [`INGEST${kind}`, `ingest${kind} `, "ingest", "' OR 1=1 --"]) expect(await store.ingestRegistry(other)).toBeNull();
    });

    it("fans a large envelope out to every matching webhook in several transactions, and stores it once", async () => {
      await clearQueue();
      const hooks = await Promise.all(["bulkone", "bulktwo", "bulkthree"].map((name) => webhook(name, "push")));
      await webhook("bulkdeletes", "delete");
      const events = Array.from({ length: 1200 }, (_, index) => manifestPush("app", `v${index}`));

      const summary = await ingestNotifications(registry, events);
      expect(summary).toEqual({ received: 1200, ignored: 0, duplicates: 0, accepted: 1200, deliveries: 3600, ignoredReasons: [] });
      for (const hook of hooks) expect(await db.delivery.count({ where: { webhookId: hook.id, state: "pending" } })).toBe(1200);

      // Distribution sends the whole batch again when it got no answer: nothing is stored twice.
      const again = await ingestNotifications(registry, [...events.slice(0, 600), manifestPush("app", "new")]);
      expect(again).toMatchObject({ received: 601, duplicates: 600, accepted: 1, deliveries: 3 });
      expect(await db.delivery.count()).toBe(3603);
    });

    it("stores each subscriber's body in its own payload format", async () => {
      await clearQueue();
      const formats = ["acr", "cloudevents", "chat"] as const;
      const hooks = await Promise.all(
        formats.map((payloadFormat) =>
          db.webhook.create({ data: { registryId: registry.id, name: `fmt${payloadFormat}`, serviceUri: "http://127.0.0.1:9/x", actions: "push", payloadFormat } }),
        ),
      );
      const digest = `sha256:${"ab12".repeat(16)}`;
      await ingestNotifications(registry, [manifestPush("app", "v1", digest)]);

      const [acr, cloudEvent, chat] = await Promise.all(
        hooks.map(async (hook) => JSON.parse((await db.delivery.findFirstOrThrow({ where: { webhookId: hook.id } })).payload)),
      );
      expect(acr).toMatchObject({ action: "push", target: { repository: "app", tag: "v1", digest } });
      expect(acr).not.toHaveProperty("specversion");
      expect(cloudEvent).toMatchObject({ specversion: "1.0", type: "io.registrywebhooks.image.pushed", subject: "app:v1", data: { action: "push" } });
      expect(cloudEvent.id).toBe(cloudEvent.data.id);
      expect(chat).toEqual({ text: `Pushed app:v1 (sha256:ab12ab12ab12…) to ${registry.name}` });
    });

    it("matches a delete against the tags its digest had at that moment, within one envelope or across several", async () => {
      const scenario = (digestA: string, digestB: string): RawEvent[] => [
        manifestPush("app", "v1", digestA),
        manifestPush("app", "v2", digestA),
        // v1 moves to another digest: deleting A no longer concerns v1.
        manifestPush("app", "v1", digestB),
        manifestDelete("app", digestA),
        // A pushed again after its delete, with a new tag.
        manifestPush("app", "v3", digestA),
        manifestDelete("app", digestA),
      ];
      for (const mode of ["one envelope", "one event per envelope"]) {
        await clearQueue();
        const v1 = await webhook("scopev1", "delete", "app:v1");
        const v2 = await webhook("scopev2", "delete", "app:v2");
        const v3 = await webhook("scopev3", "delete", "app:v3");
        const digestA = `sha256:${"a".repeat(63)}${mode.length % 10}`;
        const digestB = `sha256:${"b".repeat(63)}${mode.length % 10}`;
        const events = scenario(digestA, digestB);
        if (mode === "one envelope") await ingestNotifications(registry, events);
        else for (const event of events) await ingestNotifications(registry, [event]);

        expect(await imagesOf(v1.id), mode).toEqual([]);
        expect(await imagesOf(v2.id), mode).toEqual([`delete app@${digestA}`]);
        expect(await imagesOf(v3.id), mode).toEqual([`delete app@${digestA}`]);
        // What is left to remember: v1 on B only.
        const tags = await db.tagDigest.findMany({ where: { registryId: registry.id, repository: "app", tag: { in: ["v1", "v2", "v3"] } } });
        expect(tags.map(({ digest, tag }) => `${tag}@${digest}`), mode).toEqual([`v1@${digestB}`]);
        await db.tagDigest.deleteMany();
      }
    });

    it("stores envelopes that arrive together, and one that fails does not fail the others", async () => {
      await clearQueue();
      const hook = await webhook("together", "push");
      const envelope = (tag: string) => [{ action: "push" as const, sourceId: `together-${tag}`, repository: "together", tag, digest: `sha256:${"c".repeat(64)}` }];
      const fanOut = (event: { tag?: string }) => [
        { id: `together-delivery-${event.tag}`, webhookId: hook.id, action: "push", image: `together:${event.tag}`, payload: "{}", serviceUriHash: "" },
      ];
      const failing = () => {
        throw new Error("a bug in this envelope's fan-out");
      };
      const [first, bad, last] = await Promise.allSettled([
        store.storeNotifications(registry.id, envelope("one"), 0, fanOut),
        store.storeNotifications(registry.id, envelope("two"), 0, failing),
        store.storeNotifications(registry.id, envelope("three"), 0, fanOut),
      ]);
      expect(first).toMatchObject({ status: "fulfilled", value: { next: 1, accepted: 1, deliveries: 1 } });
      expect(bad).toMatchObject({ status: "rejected", reason: { message: "a bug in this envelope's fan-out" } });
      expect(last).toMatchObject({ status: "fulfilled", value: { next: 1, accepted: 1, deliveries: 1 } });
      // Which envelopes were stored, not their order: on PostgreSQL each commits on its own.
      expect((await imagesOf(hook.id)).sort()).toEqual(["push together:one", "push together:three"]);
    });

    it("never leases one delivery to two workers claiming at the same time", async () => {
      await clearQueue();
      await webhook("claimed", "push");
      await ingestNotifications(registry, Array.from({ length: 300 }, (_, index) => manifestPush("claims", `c${index}`)));

      const leaseUntil = Date.now() + 60_000;
      const claims = await Promise.all(Array.from({ length: 8 }, (_, worker) => store.claimDue(`worker-${worker}`, leaseUntil, 50, NO_CAP, NONE)));
      const ids = claims.flat().map((claimed) => claimed.id);
      expect(ids).toHaveLength(300);
      expect(new Set(ids).size).toBe(300);
      // Nothing is left to claim while the leases hold.
      expect(await store.claimDue("late", leaseUntil, 50, NO_CAP, NONE)).toEqual([]);
      // A worker that stops hands its leases back at once.
      expect(await store.releaseLeases("worker-0")).toBe(claims[0].length);
      expect(await store.claimDue("late", leaseUntil, 500, NO_CAP, NONE)).toHaveLength(claims[0].length);
    });

    it("leaves out a webhook's deliveries beyond the owner's cap in flight, counted as the owner says, and takes the oldest", async () => {
      await clearQueue();
      const slow = await webhook("capslow", "push");
      await ingestNotifications(registry, Array.from({ length: 40 }, (_, index) => manifestPush("capped", `old${index}`)));
      // Newer events reach both webhooks: the fast one's are all behind the slow one's backlog.
      const fast = await webhook("capfast", "push");
      await ingestNotifications(registry, Array.from({ length: 40 }, (_, index) => manifestPush("capped", `new${index}`)));
      const leaseUntil = Date.now() + 60_000;
      const countBy = (claimed: { webhookId: string }[]) => ({
        slow: claimed.filter((row) => row.webhookId === slow.id).length,
        fast: claimed.filter((row) => row.webhookId === fast.id).length,
      });

      // Nothing in flight: of the 64 oldest due (40 old of the slow one, then 12 new of each),
      // the slow one gets its cap and the fast one all of its.
      const first = await store.claimDue("sender", leaseUntil, 64, 16, NONE);
      expect(countBy(first)).toEqual({ slow: 16, fast: 12 });
      // The oldest within each webhook.
      const fastSeqs = first.filter((row) => row.webhookId === fast.id).map((row) => row.seq).sort((a, b) => a - b);
      const oldestFast = await db.delivery.findMany({ where: { webhookId: fast.id }, orderBy: { seq: "asc" }, take: 12, select: { seq: true } });
      expect(fastSeqs).toEqual(oldestFast.map((row) => row.seq));
      // Both at their cap: nothing more until a request ends.
      const full = new Map([[slow.id, 16], [fast.id, 16]]);
      expect(await store.claimDue("sender", leaseUntil, 64, 16, full)).toEqual([]);
      // 6 of the fast ones finished (their leases stay until they are recorded): 6 more of those.
      const some = new Map([[slow.id, 16], [fast.id, 10]]);
      expect(countBy(await store.claimDue("sender", leaseUntil, 64, 16, some))).toEqual({ slow: 0, fast: 6 });
      // A partly busy webhook takes what its cap leaves of the `limit` oldest.
      expect(countBy(await store.claimDue("sender", leaseUntil, 5, 16, new Map([[slow.id, 13]])))).toEqual({ slow: 3, fast: 0 });
    });

    it("takes over a lease that expired", async () => {
      await clearQueue();
      await webhook("expired", "push");
      await ingestNotifications(registry, [manifestPush("expired", "v1")]);
      const [first] = await store.claimDue("crashed", Date.now() - 1, 10, NO_CAP, NONE);
      const [second] = await store.claimDue("survivor", Date.now() + 60_000, 10, NO_CAP, NONE);
      expect(second.id).toBe(first.id);
    });

    it("records attempts and states for the holder only, skips deleted deliveries, and keeps any response text", async () => {
      await clearQueue();
      const hook = await webhook("settled", "push");
      await ingestNotifications(registry, Array.from({ length: 4 }, (_, index) => manifestPush("settle", `s${index}`)));
      const claimed = await store.claimDue("holder", Date.now() + 60_000, 10, NO_CAP, NONE);
      expect(claimed).toHaveLength(4);
      const [delivered, retried, gone, stolen] = claimed;
      await db.delivery.delete({ where: { id: gone.id } });
      await db.delivery.update({ where: { id: stolen.id }, data: { leaseOwner: "someone-else" } });
      const attempt = (deliveryId: string, responseBody: string) => ({
        deliveryId, number: 1, requestMethod: "POST" as const, requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]",
        requestBody: "{}", requestBodyTruncated: false, responseStatus: 200, responseReason: "OK",
        responseHeaders: "[]", responseBody, responseBodyTruncated: false, error: null, durationMs: 12.6,
      });
      const now = new Date();
      await store.settle("holder", [
        { claimed: delivered, attempt: attempt(delivered.id, "ok \u0000 with a NUL byte"), state: "delivered", lastStatus: "200 OK", nextAttemptAt: 0 },
        { claimed: retried, attempt: { ...attempt(retried.id, ""), responseStatus: 503 }, state: "pending", lastStatus: "503", nextAttemptAt: now.getTime() + 5000 },
        { claimed: gone, attempt: attempt(gone.id, ""), state: "delivered", lastStatus: "200 OK", nextAttemptAt: 0 },
        { claimed: stolen, attempt: null, state: "failed", lastStatus: "not mine", nextAttemptAt: 0 },
      ], now);

      const rows = await db.delivery.findMany({ where: { webhookId: hook.id }, include: { attempts: true } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(delivered.id)).toMatchObject({ state: "delivered", attemptCount: 1, leaseOwner: "", lastStatus: "200 OK" });
      expect(byId.get(delivered.id)!.attempts[0].responseBody).toMatch(/^ok . with a NUL byte$/);
      expect(byId.get(delivered.id)!.attempts[0].createdAt.getTime()).toBe(now.getTime());
      expect(byId.get(retried.id)).toMatchObject({ state: "pending", attemptCount: 1, nextAttemptAt: now.getTime() + 5000 });
      expect(byId.has(gone.id)).toBe(false);
      expect(await db.attempt.count({ where: { deliveryId: gone.id } })).toBe(0);
      expect(byId.get(stolen.id)).toMatchObject({ state: "pending", leaseOwner: "someone-else" });
    });

    it("keeps an event's newest 100 attempts: Redeliver's path and the worker's delete the oldest, a batch at a time", async () => {
      await clearQueue();
      await webhook("redelivered", "push");
      await ingestNotifications(registry, [manifestPush("kept", "a"), manifestPush("kept", "b")]);
      const [redelivered, retried] = await store.claimDue("holder", Date.now() + 60_000, 10, NO_CAP, NONE);
      const attempt = (deliveryId: string, number: number) => ({
        deliveryId, number, requestMethod: "POST" as const, requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]",
        requestBody: "{}", requestBodyTruncated: false, responseStatus: 500, responseReason: "Internal Server Error",
        responseHeaders: "[]", responseBody: "", responseBodyTruncated: false, error: null, durationMs: 1,
      });
      const numbersOf = async (deliveryId: string) =>
        (await db.attempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" }, select: { number: true } })).map((row) => row.number);
      const storedBefore = (deliveryId: string, count: number) =>
        db.attempt.createMany({ data: Array.from({ length: count }, (_, i) => attempt(deliveryId, i + 1)) });

      // Redelivered 100 times already: the 101st forgets the 1st.
      await storedBefore(redelivered.id, 100);
      await store.recordSentNow(attempt(redelivered.id, 101), { state: "failed", lastStatus: "500" }, new Date());
      expect(await numbersOf(redelivered.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));

      // 700 from before the bound: the worker's next attempt deletes 500 of the 601 it no longer keeps, the next one the rest.
      await storedBefore(retried.id, 700);
      await store.settle("holder", [{ claimed: retried, attempt: attempt(retried.id, 701), state: "pending", lastStatus: "500", nextAttemptAt: 0 }], new Date());
      expect(await numbersOf(retried.id)).toEqual(Array.from({ length: 201 }, (_, i) => i + 501));
      const [again] = await store.claimDue("holder", Date.now() + 60_000, 10, NO_CAP, NONE);
      await store.settle("holder", [{ claimed: again, attempt: attempt(retried.id, 702), state: "failed", lastStatus: "500", nextAttemptAt: 0 }], new Date());
      expect(await numbersOf(retried.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 603));
    });

    it("records a ping before it is sent, out of the worker's reach, then its attempt and outcome together", async () => {
      await clearQueue();
      const hook = await webhook("pinged", "push");
      const now = new Date();
      await store.insertPing({ id: "ping-1", webhookId: hook.id, payload: '{"action":"ping"}', serviceUriHash: "hash" }, now);
      expect(await store.claimDue("worker", Date.now() + 60_000, 10, NO_CAP, NONE)).toEqual([]);
      await store.recordSentNow(
        {
          deliveryId: "ping-1", number: 1, requestMethod: "POST", requestUri: "http://127.0.0.1:9/x", requestHeaders: "[]",
          requestBody: "{}", requestBodyTruncated: false, responseStatus: 204, responseReason: "No Content",
          responseHeaders: "[]", responseBody: "", responseBodyTruncated: false, error: null, durationMs: 3,
        },
        { state: "delivered", lastStatus: "204 No Content" },
        now,
      );
      const ping = await db.delivery.findUniqueOrThrow({ where: { id: "ping-1" }, include: { attempts: true } });
      expect(ping).toMatchObject({ action: "ping", state: "delivered", attemptCount: 1, lastStatus: "204 No Content", serviceUriHash: "hash" });
      expect(ping.createdAt.getTime()).toBe(now.getTime());
      expect(ping.attempts.map((attempt) => attempt.responseStatus)).toEqual([204]);
    });

    it("records a sample with its action and image, out of the worker's reach, and Recover leaves it failed", async () => {
      await clearQueue();
      const hook = await webhook("sampled", "push");
      const now = new Date();
      const sample = { webhookId: hook.id, payload: '{"action":"push"}', serviceUriHash: "hash" };
      await store.insertSample({ ...sample, id: "sample-1", action: "sample-push", image: "samples/hello-world:v1" }, now);
      await db.delivery.create({ data: { id: "real-1", webhookId: hook.id, action: "push", payload: "{}", state: "failed", serviceUriHash: "hash", createdAt: now } });
      expect(await store.claimDue("worker", Date.now() + 60_000, 10, NO_CAP, NONE)).toEqual([]);
      expect(await db.delivery.findUniqueOrThrow({ where: { id: "sample-1" } })).toMatchObject({
        action: "sample-push", image: "samples/hello-world:v1", state: "failed", attemptCount: 0, serviceUriHash: "hash",
      });
      const selection = { webhookId: hook.id, since: new Date(now.getTime() - 60_000), until: new Date(now.getTime() + 60_000), serviceUriHash: "hash" };
      expect(await store.countRecoverable(selection)).toBe(1);
      expect((await store.requeueFailed(selection, 0, now)).count).toBe(1);
      expect((await db.delivery.findUniqueOrThrow({ where: { id: "sample-1" } })).state).toBe("failed");
    });

    it("gives the worker each target's secrets expiry as a date", async () => {
      await clearQueue();
      const hook = await webhook("expiry", "push");
      const expiresAt = new Date("2026-12-24T10:20:30.456Z");
      await db.webhook.update({ where: { id: hook.id }, data: { previousSecretExpiresAt: expiresAt } });
      const [target] = await store.targets([hook.id, hook.id]);
      expect(target.previousSecretExpiresAt?.toISOString()).toBe(expiresAt.toISOString());
    });
  });
};
