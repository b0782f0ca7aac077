import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

/**
 * Key-based paging of the webhooks list and the events table, run on each database by
 * paging.<kind>.test.ts: the same pages, in the same order, from real migrated databases.
 */
export const describeKeyPaging = (kind: DatabaseKind) => {
  const database = temporaryDatabase("paging", kind);

  type Db = typeof import("../db").db;
  let db: Db;
  let listWebhookPage: typeof import("../webhooks/queries").listWebhookPage;
  let listEvents: typeof import("./queries").listEvents;
  let registryId = "";
  let webhookId = "";
  const names = Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? "alpha" : "beta") + String(index).padStart(3, "0")).sort();
  const EVENTS = 60;

  beforeAll(async () => {
    db = await database.open();
    ({ listWebhookPage } = await import("../webhooks/queries"));
    ({ listEvents } = await import("./queries"));
    registryId = (await db.registry.create({ data: { name: "pagingreg" } })).id;
    const other = await db.registry.create({ data: { name: "otherreg" } });
    const row = (registry: string, name: string) => ({ registryId: registry, name, serviceUri: "v1:x", customHeaders: "v1:x", actions: "push" });
    await db.webhook.createMany({ data: [...names].reverse().map((name) => row(registryId, name)) });
    await db.webhook.createMany({ data: [row(other.id, "alpha999")] });
    webhookId = (await db.webhook.findFirstOrThrow({ where: { registryId, name: names[0] } })).id;
    const otherWebhook = (await db.webhook.findFirstOrThrow({ where: { registryId, name: names[1] } })).id;
    for (let index = 0; index < EVENTS; index += 1) {
      await db.delivery.create({ data: { id: `event-${index}`, webhookId, action: "push", payload: "{}" } });
      if (index % 10 === 0) await db.delivery.create({ data: { id: `elsewhere-${index}`, webhookId: otherWebhook, action: "push", payload: "{}" } });
    }
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const namesOf = (page: { webhooks: { name: string }[] }) => page.webhooks.map((webhook) => webhook.name);

  describe("webhooks list", () => {
    it("walks forward by name after the last name shown, then back before the first, only this registry's", async () => {
      const first = await listWebhookPage(registryId, { limit: 5 });
      expect(namesOf(first)).toEqual(names.slice(0, 5));
      expect(first).toMatchObject({ nextAfter: names[4], previousBefore: null });
      const second = await listWebhookPage(registryId, { after: first.nextAfter!, limit: 5 });
      expect(namesOf(second)).toEqual(names.slice(5, 10));
      expect(second).toMatchObject({ nextAfter: names[9], previousBefore: names[5] });
      const last = await listWebhookPage(registryId, { after: second.nextAfter!, limit: 5 });
      expect(namesOf(last)).toEqual(names.slice(10));
      expect(last).toMatchObject({ nextAfter: null, previousBefore: names[10] });

      const back = await listWebhookPage(registryId, { before: last.previousBefore!, limit: 5 });
      expect(namesOf(back)).toEqual(names.slice(5, 10));
      expect(back).toMatchObject({ nextAfter: names[9], previousBefore: names[5] });
      const backToFirst = await listWebhookPage(registryId, { before: back.previousBefore!, limit: 5 });
      expect(namesOf(backToFirst)).toEqual(names.slice(0, 5));
      expect(backToFirst.previousBefore).toBeNull();
    });

    it("filters by a part of the name, ignoring case, and pages within the filter", async () => {
      const alphas = names.filter((name) => name.startsWith("alpha"));
      const first = await listWebhookPage(registryId, { filter: " ALPHA ", limit: 4 });
      expect(namesOf(first)).toEqual(alphas.slice(0, 4));
      const rest = await listWebhookPage(registryId, { filter: "alpha", after: first.nextAfter!, limit: 4 });
      expect(namesOf(rest)).toEqual(alphas.slice(4));
      expect(rest.nextAfter).toBeNull();
      expect(namesOf(await listWebhookPage(registryId, { filter: "a01", limit: 50 }))).toEqual(["alpha010", "beta011"]);
      expect(namesOf(await listWebhookPage(registryId, { filter: "%", limit: 50 }))).toEqual([]);
      expect(namesOf(await listWebhookPage(registryId, { filter: "_", limit: 50 }))).toEqual([]);
      expect(namesOf(await listWebhookPage(registryId, { filter: "alpha 0", limit: 50 }))).toEqual([]);
      expect(namesOf(await listWebhookPage(registryId, { filter: "nomatch", limit: 50 }))).toEqual([]);
    });
  });

  describe("events", () => {
    const idsOf = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);
    const newestFirst = Array.from({ length: EVENTS }, (_, index) => `event-${EVENTS - 1 - index}`);

    it("pages newest first by seq, Older then Newer, never mixing in another webhook's events", async () => {
      const first = await listEvents(webhookId);
      expect(idsOf(first)).toEqual(newestFirst.slice(0, 25));
      expect(first.newer).toBeNull();
      const second = await listEvents(webhookId, { before: first.older! });
      expect(idsOf(second)).toEqual(newestFirst.slice(25, 50));
      const third = await listEvents(webhookId, { before: second.older! });
      expect(idsOf(third)).toEqual(newestFirst.slice(50));
      expect(third.older).toBeNull();
      expect(third.newer).not.toBeNull();

      const backOne = await listEvents(webhookId, { after: third.newer! });
      expect(idsOf(backOne)).toEqual(newestFirst.slice(25, 50));
      expect(backOne.older).not.toBeNull();
      // Fewer than a page newer than that: "Newer" reaches the newest page, full.
      const backTwo = await listEvents(webhookId, { after: backOne.newer! });
      expect(idsOf(backTwo)).toEqual(newestFirst.slice(0, 25));
      expect(backTwo.newer).toBeNull();
    });

    it("an event arriving does not shift an older page", async () => {
      const first = await listEvents(webhookId);
      await db.delivery.create({ data: { id: "arrived", webhookId, action: "push", payload: "{}" } });
      const second = await listEvents(webhookId, { before: first.older! });
      expect(idsOf(second)).toEqual(newestFirst.slice(25, 50));
      expect(idsOf(await listEvents(webhookId))[0]).toBe("arrived");
    });

    it("an empty webhook has one empty page and nowhere to go", async () => {
      const empty = (await db.webhook.findFirstOrThrow({ where: { registryId, name: names[2] } })).id;
      expect(await listEvents(empty)).toEqual({ rows: [], pageSize: 25, newer: null, older: null });
    });
  });
};
