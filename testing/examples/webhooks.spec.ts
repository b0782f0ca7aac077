// The sample spec for QA teams (README, "Playwright kit for QA"). The recording receiver
// listens on 127.0.0.1, so the portal must run on the same machine and allow 127.0.0.1
// (OUTBOUND_ALLOWLIST=127.0.0.1).
import { expect, test, uniqueWebhookName } from "registry-webhooks/testing";

test("a new webhook's Ping reaches the receiver and shows as an event", async ({ webhooksBlade, receiver }) => {
  await webhooksBlade.goto();
  const form = await webhooksBlade.add();
  const name = uniqueWebhookName("qa");
  const webhook = await form.create({ name, serviceUri: receiver.url("/qa-hook"), customHeaders: "X-Team: qa", actions: ["Push"] });

  expect(await webhook.ping()).toBe("Ping sent: 200 OK");
  const [received] = receiver.requestsTo("/qa-hook");
  expect(JSON.parse(received.body).action).toBe("ping");
  expect(received.headers["x-team"]).toBe("qa");

  const { events } = webhook;
  await expect(events.httpStatus(events.newest)).toHaveText("200 OK");
  await expect(events.state(events.newest)).toHaveText("Delivered");
  await events.select();
  await expect(await events.showResponse()).toContainText("Status: 200 OK");

  await webhook.delete();
  await webhooksBlade.goto({ filter: name });
  await expect(webhooksBlade.rows).toHaveCount(0);
});

test("the form explains a refused service URI under its field", async ({ createWebhookForm }) => {
  await createWebhookForm.goto();
  await createWebhookForm.fill({ name: uniqueWebhookName("qa"), serviceUri: "ftp://example.com/hook" });
  await createWebhookForm.submit();
  await createWebhookForm.expectFieldError("Service URI", "The service URI must start with http:// or https://.");
});
