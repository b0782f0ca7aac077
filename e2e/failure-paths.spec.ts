import { expect, gotoBlade, notificationsUrl, REGISTRY, seedRegistry, seedWebhook, test } from "./fixtures";
import { createApiTokenThroughUi, tokenContext } from "./support/api-tokens";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { E2E_BASE_URL, E2E_RETRY_SCHEDULE } from "./support/settings";

// What happens when something cannot be done, or takes long: every failure ends in a
// recorded reason, and long database work does not stop the portal answering.

const UNSENDABLE = 'Not sent: the header "X-Emoji" has a value HTTP does not allow (only printable ASCII, spaces and tabs)';

test("a stored header value HTTP cannot carry fails each attempt with a reason, and the retries end", async ({ page, request, db, receiver, uniqueName }) => {
  // Rows like this exist from before header values were checked on input.
  const registry = uniqueName("unsendable");
  const token = `token-${registry}`;
  await seedRegistry(db, registry, token);
  const name = uniqueName("emoji");
  await seedWebhook(db, { registry, name, serviceUri: receiver.url("/emoji"), customHeaders: [["X-Emoji", "€ 😀"]] });

  // Ping answers with the reason (it was a bare 500).
  await gotoBlade(page, `/registries/${registry}/webhooks/${name}`);
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByRole("status")).toHaveText(`Ping sent: ${UNSENDABLE}`);

  // A push is tried once per retry step, each try recorded, then fails for good.
  const response = await request.post(notificationsUrl(registry), {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE },
    data: JSON.stringify({ events: [manifestPush("app", "v1")] }),
  });
  expect((await response.json()).deliveries).toBe(1);
  const tries = E2E_RETRY_SCHEDULE.split(",").length + 1;
  const push = () => db.delivery.findFirstOrThrow({ where: { webhook: { name }, action: "push" }, include: { attempts: true } });
  await expect.poll(async () => (await push()).state, { timeout: 20_000 }).toBe("failed");
  const failed = await push();
  expect(failed.attemptCount).toBe(tries);
  expect(failed.attempts.map((attempt) => attempt.error)).toEqual(Array(tries).fill(UNSENDABLE));
  expect(failed.lastStatus).toBe(UNSENDABLE);
  expect(receiver.requestsTo("/emoji")).toHaveLength(0);

  await page.reload();
  await expect(page.getByRole("table", { name: "Events" }).getByRole("row").nth(1)).toContainText(UNSENDABLE);
});

test("deleting a webhook with many events goes in batches: the portal answers other requests meanwhile", async ({ browser, db, receiver, uniqueName }) => {
  const name = uniqueName("bigdelete");
  const webhook = await seedWebhook(db, { name, serviceUri: receiver.url("/big") });
  const total = 50_000;
  // Seeded in one statement (a recursive CTE): 50,000 rows through Prisma would take minutes.
  await db.$executeRawUnsafe(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO "Delivery" ("id", "webhookId", "action", "payload", "state") SELECT ? || '-' || i, ?, 'push', '{}', 'delivered' FROM n`,
    total,
    webhook.id,
    webhook.id,
  );
  const token = await createApiTokenThroughUi(browser, "contributor", { name: uniqueName("deleter") });
  const remaining = () => db.delivery.count({ where: { webhookId: webhook.id } });

  const deleting = fetch(`${E2E_BASE_URL}/api/registries/${REGISTRY}/webhooks/${name}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${token}` },
  });
  // One cascading DELETE removed all or nothing while it held the server; in batches the count
  // goes down in steps, and a request sent mid-way is answered before the delete has ended.
  await expect.poll(remaining, { intervals: [5] }).toBeLessThan(total);
  expect(await remaining()).toBeGreaterThan(0);
  const signIn = await fetch(`${E2E_BASE_URL}/sign-in`);
  expect(signIn.status).toBe(200);
  expect(await remaining()).toBeGreaterThan(0);

  expect((await deleting).status).toBe(200);
  expect(await remaining()).toBe(0);
  expect(await db.webhook.count({ where: { id: webhook.id } })).toBe(0);
});

test("a webhook whose secrets cannot be opened (another SECRET_KEY) says so on its page and in the API, and can still be deleted", async ({ page, browser, db, receiver, uniqueName }) => {
  const name = uniqueName("otherkey");
  const webhook = await seedWebhook(db, { name, serviceUri: receiver.url("/otherkey") });
  // Sealed, but not with this portal's key: as after SECRET_KEY changed.
  await db.webhook.update({ where: { id: webhook.id }, data: { customHeaders: "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } });
  const why = `The service URI, custom headers or signing secret of webhook "${name}" cannot be read`;

  const api = await tokenContext(await createApiTokenThroughUi(browser, "contributor", { name: uniqueName("unreadable-token") }));
  for (const [method, path] of [["post", "ping"], ["post", "sample"], ["post", "getCallbackConfig"]] as const) {
    const response = await api[method](`/api/registries/${REGISTRY}/webhooks/${name}/${path}`, { data: { action: "push" } });
    expect(response.status(), path).toBe(409);
    const { error } = await response.json();
    expect(error.code).toBe("WebhookUnreadable");
    expect(error.message).toContain(why);
  }
  expect(receiver.requestsTo("/otherkey")).toHaveLength(0);

  // Configure (its form needs the service URI and headers) explains it too, rather than failing whole.
  await page.goto(`/registries/${REGISTRY}/webhooks/${name}/configure`);
  await expect(page.getByRole("heading", { level: 1, name: `Configure ${name}` })).toBeVisible();
  await expect(page.getByText("This webhook cannot be opened")).toBeVisible();
  await expect(page.getByText(why)).toBeVisible();
  await expect(page.getByRole("textbox", { name: /Service URI/ })).toHaveCount(0);

  // Its page explains it, without a stack trace, and still offers Delete.
  await page.goto(`/registries/${REGISTRY}/webhooks/${name}`);
  await expect(page.getByText("This webhook cannot be opened")).toBeVisible();
  await expect(page.getByText(why)).toBeVisible();
  const dialog = page.getByRole("dialog", { name: "Delete webhook" });
  // Clicked again until the page has hydrated and the dialog opens.
  await expect(async () => {
    await page.getByRole("button", { name: "Delete webhook" }).click();
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(new RegExp(`/registries/${REGISTRY}/webhooks$`));
  expect(await db.webhook.count({ where: { id: webhook.id } })).toBe(0);
  await api.dispose();
});

