import { randomUUID } from "node:crypto";
import { WebhookPage } from "registry-webhooks/testing";
import { expect, REGISTRY, seedWebhook, test, webhookUrl } from "./fixtures";

const EVENT_COUNT = 10_000;

test.describe("Events table", () => {
  test("pages through 10,000 events by key, newest first, Older and Newer, and keeps refreshing", async ({ page, request, db, uniqueName }) => {
    const name = uniqueName("paging");
    const webhook = await seedWebhook(db, { name, serviceUri: "https://example.com/hook" });
    const start = Date.parse("2026-01-01T00:00:00Z");
    const ids = Array.from({ length: EVENT_COUNT }, () => randomUUID());
    const events = ids.map((id, index) => ({
      id,
      webhookId: webhook.id,
      action: "push",
      image: `app:v${index}`,
      payload: "{}",
      state: "delivered",
      attemptCount: 1,
      lastStatus: "200 OK",
      createdAt: new Date(start + index * 1000),
    }));
    for (let i = 0; i < events.length; i += 1000) {
      await db.delivery.createMany({ data: events.slice(i, i + 1000) });
    }

    const webhookPage = await new WebhookPage(page, name, { registry: REGISTRY }).goto();
    const table = webhookPage.events;
    const { rows } = table;
    const idOf = (row: typeof rows) => table.cell(row, "ID");
    await expect(rows).toHaveCount(25);
    await expect(idOf(table.newest)).toHaveText(ids[EVENT_COUNT - 1]);
    await expect(table.cell(table.newest, "Image")).toHaveText(`app:v${EVENT_COUNT - 1}`);
    await expect(idOf(rows.last())).toHaveText(ids[EVENT_COUNT - 25]);
    await expect(table.newerButton).toBeDisabled();

    await table.older();
    await expect(idOf(table.newest)).toHaveText(ids[EVENT_COUNT - 26]);
    await table.older();
    await expect(idOf(table.newest)).toHaveText(ids[EVENT_COUNT - 51]);
    await table.newer();
    await expect(idOf(table.newest)).toHaveText(ids[EVENT_COUNT - 26]);
    await table.newer();
    await expect(idOf(table.newest)).toHaveText(ids[EVENT_COUNT - 1]);
    await expect(table.newerButton).toBeDisabled();

    // The newest page still refreshes: an event arriving shows on Refresh, and one in flight
    // is followed every 2 s until it settles, without a reload.
    const pendingId = randomUUID();
    await db.delivery.create({
      data: { id: pendingId, webhookId: webhook.id, action: "push", image: "app:new", payload: "{}", state: "pending", nextAttemptAt: Date.now() + 3_600_000 },
    });
    await webhookPage.refresh();
    await expect(idOf(table.newest)).toHaveText(pendingId);
    await expect(table.state(table.newest)).toHaveText("Pending");
    await db.delivery.update({ where: { id: pendingId }, data: { state: "delivered", lastStatus: "200 OK", attemptCount: 1 } });
    await expect(table.state(table.row(pendingId))).toHaveText("Delivered");
    await expect(idOf(rows.nth(1))).toHaveText(ids[EVENT_COUNT - 1]);

    const older = await request.get(`/api${webhookUrl(name)}/events?before=zero`);
    expect(older.status()).toBe(400);
    expect((await older.json()).error.message).toBe("before and after must be event sequence numbers (whole numbers from 1 up).");
  });
});
