import type { Page } from "@playwright/test";
import { expect, gotoBlade, seedWebhook, test, webhookUrl } from "./fixtures";
import { closedPort } from "./support/receiver";

const ping = async (page: Page) => {
  await page.getByRole("button", { name: "Ping" }).click();
  return page.getByRole("status");
};

const eventsTable = (page: Page) => page.getByRole("table", { name: "Events" });
const firstEventRow = (page: Page) => eventsTable(page).getByRole("row").nth(1);

test.describe("Ping", () => {
  test("posts the ping payload with custom headers and shows the 200 at once", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("ping");
    await seedWebhook(db, {
      name,
      serviceUri: receiver.url("/hook?source=e2e"),
      customHeaders: [["Authorization", "Bearer ping-secret"], ["X-Team", "qa"]],
    });
    await gotoBlade(page, webhookUrl(name));
    await expect(page.getByText("No events yet.")).toBeVisible();

    await expect(await ping(page)).toHaveText("Ping sent: 200 OK");

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
    const row = firstEventRow(page);
    await expect(row).toContainText(body.id);
    await expect(row).toContainText("ping");
    await expect(row).toContainText("200 OK");
    await expect(row.getByRole("cell").nth(5)).toHaveText("Delivered");
    expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(1);

    // Its request and response are one click away.
    await row.click();
    const requestPanel = page.getByRole("tabpanel", { name: "Request" });
    // Logged requests keep credentials write-only: query values and custom header values masked.
    await expect(requestPanel).toContainText(`POST ${receiver.url("/hook?source=******")}`);
    await expect(requestPanel).toContainText("Authorization: ******");
    await expect(requestPanel).toContainText("Content-Type: application/json");
    await expect(requestPanel.getByLabel("Request body")).toContainText(`"action": "ping"`);
    await page.getByRole("tab", { name: "Response" }).click();
    const responsePanel = page.getByRole("tabpanel", { name: "Response" });
    await expect(responsePanel).toContainText("Status: 200 OK");
    await expect(responsePanel).toContainText("X-Receiver: e2e");
    await expect(responsePanel).toContainText(/Duration: \d+ ms/);
    await expect(responsePanel.getByLabel("Response body")).toContainText(`"received": true`);

    // Nowhere in the page (HTML or data) until the admin asks for the callback config.
    const html = await (await page.request.get(webhookUrl(name))).text();
    expect(html).not.toContain("ping-secret");
    expect(html).not.toContain("source=e2e");
    await expect(page.getByRole("region", { name: "Essentials" })).toContainText(receiver.url("/hook?source=******"));
    await page.getByRole("button", { name: "Show callback config" }).click();
    await expect(page.getByLabel("Callback service URI")).toHaveValue(receiver.url("/hook?source=e2e"));
    await expect(page.getByLabel("Callback custom headers")).toHaveValue("Authorization: Bearer ping-secret\nX-Team: qa");
  });

  test("shows a 503 from the receiver as the event's HTTP status", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("unavail");
    await seedWebhook(db, { name, serviceUri: receiver.url("/status/503") });
    await gotoBlade(page, webhookUrl(name));

    await expect(await ping(page)).toHaveText("Ping sent: 503 Service Unavailable");
    await expect(firstEventRow(page)).toContainText("503 Service Unavailable");
    // A ping is sent once, while the admin waits: it is not retried.
    await expect(firstEventRow(page).getByRole("cell").nth(5)).toHaveText("Failed");
    await expect(firstEventRow(page).getByLabel("Failed")).toBeVisible();
    expect(receiver.requestsTo("/status/503")).toHaveLength(1);
  });

  test("says the connection was refused when nothing listens", async ({ page, db, uniqueName }) => {
    const name = uniqueName("refused");
    await seedWebhook(db, { name, serviceUri: `http://127.0.0.1:${await closedPort()}/hook` });
    await gotoBlade(page, webhookUrl(name));

    await expect(await ping(page)).toHaveText("Ping sent: Connection refused");
    await expect(firstEventRow(page)).toContainText("Connection refused");
    await firstEventRow(page).click();
    await page.getByRole("tab", { name: "Response" }).click();
    await expect(page.getByRole("tabpanel", { name: "Response" })).toContainText("No response: Connection refused");
  });

  test("gives up on a slow receiver after the webhook timeout", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("slow");
    await seedWebhook(db, { name, serviceUri: receiver.url("/slow") });
    await gotoBlade(page, webhookUrl(name));

    await expect(await ping(page)).toHaveText("Ping sent: Timed out after 2 s");
    await expect(firstEventRow(page)).toContainText("Timed out after 2 s");
    expect(receiver.requestsTo("/slow")).toHaveLength(1);
  });

  test("pings a disabled webhook and stores a large response truncated", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("bigbody");
    await seedWebhook(db, { name, serviceUri: receiver.url("/big"), status: "disabled" });
    await gotoBlade(page, webhookUrl(name));

    await expect(await ping(page)).toHaveText("Ping sent: 200 OK");
    await firstEventRow(page).click();
    await page.getByRole("tab", { name: "Response" }).click();
    await expect(page.getByText("Truncated: only the first 64 KiB of this body were stored.")).toBeVisible();
    const stored = await db.attempt.findFirstOrThrow({ where: { delivery: { webhook: { name } } } });
    expect(stored.responseBodyTruncated).toBe(true);
    expect(stored.responseBody).toHaveLength(64 * 1024);
  });
});

test("Ping is limited to 5 a minute per webhook, with a clear message", async ({ page, db, receiver, uniqueName }) => {
  const name = uniqueName("limited");
  await seedWebhook(db, { name, serviceUri: receiver.url("/limited") });
  await gotoBlade(page, webhookUrl(name));
  for (let i = 1; i <= 5; i += 1) {
    await page.getByRole("button", { name: "Ping" }).click();
    await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
    await expect(page.getByRole("table", { name: "Events" }).getByRole("row")).toHaveCount(i + 1);
  }
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByText(/^Too many requests: Ping and Redeliver are limited to 5 a minute per webhook for each user\. Ping again in \d+ s\.$/)).toBeVisible();
  expect(receiver.requestsTo("/limited")).toHaveLength(5);
  expect(await db.delivery.count({ where: { webhook: { name } } })).toBe(5);
});
