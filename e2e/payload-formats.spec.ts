import type { APIRequestContext } from "@playwright/test";
import { expect, gotoBlade, gotoForm, notificationsUrl, seedRegistry, test } from "./fixtures";
import { createApiTokenThroughUi, tokenContext } from "./support/api-tokens";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { isSignedBy, toCloudEvent } from "./support/receiver-checks";

// Each payload format as a real receiver gets it: one webhook per format (the chat one made
// through the Create form, the others through the REST API), a pushed image posted as the
// registry would, then a ping of each. CloudEvents are read and validated by the official SDK.

let contributor: APIRequestContext;

test.beforeAll(async ({ browser }) => {
  const token = await createApiTokenThroughUi(browser, "contributor", { name: `formats-${Date.now()}` });
  contributor = await tokenContext(token);
});

test.afterAll(async () => {
  await contributor.dispose();
});

test("each payload format reaches the receiver in its documented shape, signed when the webhook is", async ({ page, request, db, receiver, uniqueName }) => {
  const registry = uniqueName("formats");
  const token = `token-${registry}`;
  await seedRegistry(db, registry, token);
  const api = `/api/registries/${registry}/webhooks`;
  const names = { acr: uniqueName("acrhook"), cloudevents: uniqueName("cehook"), chat: uniqueName("chathook") };

  // Chat, through the Create form's drop-down.
  await gotoForm(page, `/registries/${registry}/webhooks/new`, "Create");
  await page.getByLabel("Webhook name").fill(names.chat);
  await page.getByLabel("Service URI").fill(receiver.url("/chat"));
  await page.getByLabel("Payload format").selectOption("chat");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(`/registries/${registry}/webhooks/${names.chat}`);
  await expect(page.getByRole("region", { name: "Essentials" })).toContainText("Chat message (Slack, Mattermost)");

  // CloudEvents and ACR (the default, left out), through the REST API; an unknown format is refused.
  const refused = await contributor.put(`${api}/${names.acr}`, {
    data: { properties: { serviceUri: receiver.url("/acr"), actions: ["push"], payloadFormat: "slack" } },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.details).toEqual([{ target: "properties.payloadFormat", message: 'Payload format is "acr", "cloudevents" or "chat".' }]);
  expect(await db.webhook.count({ where: { name: names.acr } })).toBe(0);
  const ce = await contributor.put(`${api}/${names.cloudevents}`, {
    data: { properties: { serviceUri: receiver.url("/ce"), actions: ["push"], payloadFormat: "cloudevents" } },
  });
  expect(ce.status()).toBe(201);
  expect((await ce.json()).properties.payloadFormat).toBe("cloudevents");
  const acr = await contributor.put(`${api}/${names.acr}`, { data: { properties: { serviceUri: receiver.url("/acr"), actions: ["push"] } } });
  expect((await acr.json()).properties.payloadFormat).toBe("acr");

  // The CloudEvents webhook is signed.
  await gotoBlade(page, `/registries/${registry}/webhooks/${names.cloudevents}`);
  await page.getByRole("button", { name: "Generate signing secret" }).click();
  const secretBox = page.getByLabel("Signing secret");
  await expect(secretBox).toHaveValue(/^whsec_/);
  const secret = await secretBox.inputValue();

  // A push, as the registry posts it.
  const push = manifestPush("app", "v1");
  const posted = await request.post(notificationsUrl(registry), {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE },
    data: JSON.stringify({ events: [push] }),
  });
  expect(await posted.json()).toMatchObject({ accepted: 1, deliveries: 3 });
  for (const path of ["/acr", "/ce", "/chat"]) await expect.poll(() => receiver.requestsTo(path).length).toBe(1);
  const [acrPush] = receiver.requestsTo("/acr");
  const [cePush] = receiver.requestsTo("/ce");
  const [chatPush] = receiver.requestsTo("/chat");

  // ACR: as it always was.
  expect(acrPush.headers["content-type"]).toBe("application/json");
  const acrBody = JSON.parse(acrPush.body);
  expect(Object.keys(acrBody)).toEqual(["id", "timestamp", "action", "target", "request"]);
  expect(acrBody).toMatchObject({ action: "push", timestamp: push.timestamp, target: { repository: "app", tag: "v1", digest: push.target.digest } });

  // CloudEvents: structured mode, valid, ACR's body as data, signed.
  expect(cePush.headers["content-type"]).toBe("application/cloudevents+json");
  const pushed = toCloudEvent(cePush);
  expect(pushed).toMatchObject({
    specversion: "1.0",
    source: `/registries/${registry}`,
    type: "io.registrywebhooks.image.pushed",
    subject: "app:v1",
    time: push.timestamp,
    datacontenttype: "application/json",
  });
  expect(pushed.data).toMatchObject({ id: pushed.id, action: "push", target: { repository: "app", tag: "v1", digest: push.target.digest } });
  expect(cePush.headers["webhook-id"]).toBe(pushed.id);
  expect(isSignedBy(secret, cePush)).toBe(true);

  // Chat: exactly one line of text.
  expect(chatPush.headers["content-type"]).toBe("application/json");
  expect(chatPush.body).toBe(JSON.stringify({ text: `Pushed app:v1 (${push.target.digest.slice(0, 19)}…) to ${registry}` }));

  // The events table's Request tab shows what was sent: the stored attempt is the body received.
  await expect.poll(async () => (await db.attempt.findFirst({ where: { deliveryId: pushed.id } }))?.requestBody).toBe(cePush.body);

  // Each format's own ping.
  for (const name of Object.values(names)) expect((await contributor.post(`${api}/${name}/ping`)).status()).toBe(200);
  const acrPing = receiver.requestsTo("/acr")[1];
  expect(Object.keys(JSON.parse(acrPing.body))).toEqual(["id", "timestamp", "action"]);
  expect(JSON.parse(acrPing.body).action).toBe("ping");
  const cePing = receiver.requestsTo("/ce")[1];
  const pinged = toCloudEvent(cePing);
  expect(pinged).toMatchObject({ type: "io.registrywebhooks.webhook.pinged", source: `/registries/${registry}` });
  expect(pinged.subject).toBeUndefined();
  expect(pinged.data).toMatchObject({ id: pinged.id, action: "ping" });
  expect(isSignedBy(secret, cePing)).toBe(true);
  expect(receiver.requestsTo("/chat")[1].body).toBe(JSON.stringify({ text: `Ping from webhook ${names.chat} of ${registry}` }));

  // Redeliver sends the stored CloudEvent again, with its Content-Type.
  await gotoBlade(page, `/registries/${registry}/webhooks/${names.cloudevents}`);
  await page.getByRole("table", { name: "Events" }).getByRole("row").filter({ hasText: "push" }).click();
  // exact: the toolbar's "Redeliver failed events…" holds the word too.
  await page.getByRole("button", { name: "Redeliver", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Redeliver sent: 200 OK");
  const again = receiver.requestsTo("/ce")[2];
  expect(again.body).toBe(cePush.body);
  expect(again.headers["content-type"]).toBe("application/cloudevents+json");
  expect(isSignedBy(secret, again)).toBe(true);
});

test("Configure changes the format of later events only", async ({ page, request, db, receiver, uniqueName }) => {
  const registry = uniqueName("reformat");
  const token = `token-${registry}`;
  await seedRegistry(db, registry, token);
  const name = uniqueName("switch");
  const put = await contributor.put(`/api/registries/${registry}/webhooks/${name}`, {
    data: { properties: { serviceUri: receiver.url("/switch"), actions: ["push"], payloadFormat: "chat" } },
  });
  expect(put.status()).toBe(201);
  const post = (tag: string) =>
    request.post(notificationsUrl(registry), {
      headers: { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE },
      data: JSON.stringify({ events: [manifestPush("app", tag)] }),
    });
  await post("v1");
  await expect.poll(() => receiver.requestsTo("/switch").length).toBe(1);

  await gotoForm(page, `/registries/${registry}/webhooks/${name}/configure`, "Save");
  const select = page.getByLabel("Payload format");
  await expect(select).toHaveValue("chat");
  await select.selectOption("cloudevents");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(`/registries/${registry}/webhooks/${name}`);
  await post("v2");
  await expect.poll(() => receiver.requestsTo("/switch").length).toBe(2);
  const [first, second] = receiver.requestsTo("/switch");
  expect(JSON.parse(first.body).text).toMatch(/^Pushed app:v1 /);
  expect(toCloudEvent(second).subject).toBe("app:v2");
  // The first event keeps the body it was recorded with.
  const stored = await db.delivery.findMany({ where: { webhook: { name } }, orderBy: { seq: "asc" }, select: { payload: true } });
  expect(stored[0].payload).toBe(first.body);
});
