import { randomUUID } from "node:crypto";
import { expect, gotoBlade, seedWebhook, test, webhookUrl } from "./fixtures";

const EVENT_COUNT = 10_000;

test.describe("Events table", () => {
  test("pages through 10,000 events, newest first", async ({ page, request, db, uniqueName }) => {
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

    await gotoBlade(page, webhookUrl(name));
    const rows = page.getByRole("table", { name: "Events" }).getByRole("row");
    await expect(rows).toHaveCount(26);
    await expect(rows.nth(1)).toContainText(ids[EVENT_COUNT - 1]);
    await expect(rows.nth(1)).toContainText(`app:v${EVENT_COUNT - 1}`);
    await expect(page.getByText(`Page 1 of 400 (${EVENT_COUNT} events)`)).toBeVisible();

    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText(`Page 2 of 400 (${EVENT_COUNT} events)`)).toBeVisible();
    await expect(rows.nth(1)).toContainText(ids[EVENT_COUNT - 26]);
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(rows.nth(1)).toContainText(ids[EVENT_COUNT - 1]);

    const badPage = await request.get(`/api${webhookUrl(name)}/events?page=zero`);
    expect(badPage.status()).toBe(400);
    expect((await badPage.json()).error.message).toBe("page must be a whole number from 1 upwards.");
  });
});
