import type { Page } from "@playwright/test";
import { WebhookPage } from "registry-webhooks/testing";
import { expect, REGISTRY, seedWebhook, test, webhookUrl } from "./fixtures";
import { closedPort } from "./support/receiver";

/** Opens a seeded webhook's page (the kit's page object). */
const openWebhook = (page: Page, name: string) => new WebhookPage(page, name, { registry: REGISTRY }).goto();

test.describe("Ping", () => {
  test("posts the ping payload with custom headers and shows the 200 at once", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("ping");
    await seedWebhook(db, {
      name,
      serviceUri: receiver.url("/hook?source=e2e"),
      customHeaders: [["Authorization", "Bearer ping-secret"], ["X-Team", "qa"]],
    });
    const webhook = await openWebhook(page, name);
    const { events } = webhook;
    await expect(page.getByText("No events yet.")).toBeVisible();
    await expect(events.rows).toHaveCount(0);

    expect(await webhook.ping()).toBe("Ping sent: 200 OK");

    const [received] = receiver.requestsTo("/hook?source=e2e");
    expect(received.method).toBe("POST");
    expect(received.headers["content-type"]).toBe("application/json");
    expect(received.headers["authorization"]).toBe("Bearer ping-secret");
    expect(received.headers["x-team"]).toBe("qa");
    const body = JSON.parse(received.body);
    expect(Object.keys(body).sort()).toEqual(["action", "id", "timestamp"]);
    expect(body.action).toBe("ping");
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.now() - Date.parse(body.timestamp)).toBeLessThan(60_000);

    // The new event is on top of the table with the id the receiver got.
    const row = events.newest;
    await expect(events.row(body.id)).toBeVisible();
    await expect(events.cell(row, "ID")).toHaveText(body.id);
    await expect(events.cell(row, "Action")).toHaveText("ping");
    await expect(events.httpStatus(row)).toHaveText("200 OK");
    await expect(events.state(row)).toHaveText("Delivered");
    expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(1);

    // Its request and response are one click away.
    await events.select(row);
    const requestPanel = events.requestPanel;
    // Logged requests keep credentials write-only: query values and custom header values masked.
    await expect(requestPanel).toContainText(`POST ${receiver.url("/hook?source=******")}`);
    await expect(requestPanel).toContainText("Authorization: ******");
    await expect(requestPanel).toContainText("Content-Type: application/json");
    await expect(events.requestBody).toContainText(`"action": "ping"`);
    const responsePanel = await events.showResponse();
    await expect(responsePanel).toContainText("Status: 200 OK");
    await expect(responsePanel).toContainText("X-Receiver: e2e");
    await expect(responsePanel).toContainText(/Duration: \d+ ms/);
    await expect(events.responseBody).toContainText(`"received": true`);

    // Nowhere in the page (HTML or data) until the admin asks for the callback config.
    const html = await (await page.request.get(webhookUrl(name))).text();
    expect(html).not.toContain("ping-secret");
    expect(html).not.toContain("source=e2e");
    expect(await webhook.essential("Service URI")).toBe(receiver.url("/hook?source=******"));
    expect(await webhook.essential("Custom headers")).toBe("Authorization: ******, X-Team: ******");
    await page.getByRole("button", { name: "Show callback config" }).click();
    await expect(page.getByLabel("Callback service URI")).toHaveValue(receiver.url("/hook?source=e2e"));
    await expect(page.getByLabel("Callback custom headers")).toHaveValue("Authorization: Bearer ping-secret\nX-Team: qa");
  });

  test("shows a 503 from the receiver as the event's HTTP status", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("unavail");
    await seedWebhook(db, { name, serviceUri: receiver.url("/status/503") });
    const webhook = await openWebhook(page, name);
    const { events } = webhook;

    expect(await webhook.ping()).toBe("Ping sent: 503 Service Unavailable");
    await expect(events.httpStatus(events.newest)).toHaveText("503 Service Unavailable");
    // A ping is sent once, while the admin waits: it is not retried.
    await expect(events.state(events.newest)).toHaveText("Failed");
    await expect(events.cell(events.newest, "Result").getByRole("img", { name: "Failed" })).toBeVisible();
    expect(receiver.requestsTo("/status/503")).toHaveLength(1);
  });

  test("says the connection was refused when nothing listens", async ({ page, db, uniqueName }) => {
    const name = uniqueName("refused");
    await seedWebhook(db, { name, serviceUri: `http://127.0.0.1:${await closedPort()}/hook` });
    const webhook = await openWebhook(page, name);
    const { events } = webhook;

    expect(await webhook.ping()).toBe("Ping sent: Connection refused");
    await expect(events.httpStatus(events.newest)).toHaveText("Connection refused");
    await events.select();
    await expect(await events.showResponse()).toContainText("No response: Connection refused");
  });

  test("gives up on a slow receiver after the webhook timeout", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("slow");
    await seedWebhook(db, { name, serviceUri: receiver.url("/slow") });
    const webhook = await openWebhook(page, name);

    expect(await webhook.ping()).toBe("Ping sent: Timed out after 2 s");
    await expect(webhook.events.httpStatus(webhook.events.newest)).toHaveText("Timed out after 2 s");
    expect(receiver.requestsTo("/slow")).toHaveLength(1);
  });

  test("pings a disabled webhook and stores a large response truncated", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("bigbody");
    await seedWebhook(db, { name, serviceUri: receiver.url("/big"), status: "disabled" });
    const webhook = await openWebhook(page, name);

    expect(await webhook.ping()).toBe("Ping sent: 200 OK");
    await webhook.events.select();
    await expect(await webhook.events.showResponse()).toContainText("Truncated: only the first 64 KiB of this body were stored.");
    const stored = await db.attempt.findFirstOrThrow({ where: { delivery: { webhook: { name } } } });
    expect(stored.responseBodyTruncated).toBe(true);
    expect(stored.responseBody).toHaveLength(64 * 1024);
  });
});

test("Ping is limited to 5 a minute per webhook, with a clear message", async ({ page, db, receiver, uniqueName }) => {
  const name = uniqueName("limited");
  await seedWebhook(db, { name, serviceUri: receiver.url("/limited") });
  const webhook = await openWebhook(page, name);
  for (let i = 1; i <= 5; i += 1) {
    expect(await webhook.ping()).toBe("Ping sent: 200 OK");
    await expect(webhook.events.rows).toHaveCount(i);
  }
  expect(await webhook.ping()).toMatch(/^Too many requests: Ping and Redeliver are limited to 5 a minute per webhook for each user\. Ping again in \d+ s\.$/);
  expect(receiver.requestsTo("/limited")).toHaveLength(5);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(5);
});
