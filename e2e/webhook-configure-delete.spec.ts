import { createHash } from "node:crypto";
import { createWebhookThroughUi, expect, gotoBlade, listPath, test, webhookUrl } from "./fixtures";
import { openStored } from "./support/stored-secrets";

test.describe("Configure and delete", () => {
  test("Configure prefills the form, keeps the name, and disabling shows in the list", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("config");
    await createWebhookThroughUi(page, {
      name,
      serviceUri: receiver.url("/before"),
      customHeaders: "X-Team: qa",
      actions: ["Push"],
      scope: "app:v1",
    });

    await page.getByRole("button", { name: "Configure" }).click();
    await expect(page).toHaveURL(`${webhookUrl(name)}/configure`);
    await expect(page.getByRole("button", { name: "Save" })).toBeEnabled();
    await expect(page.getByLabel("Webhook name")).toHaveValue(name);
    await expect(page.getByLabel("Webhook name")).toHaveAttribute("readonly", "");
    await expect(page.getByLabel("Service URI")).toHaveValue(receiver.url("/before"));
    // Header values are write-only: shown masked, and kept when left masked.
    await expect(page.getByLabel("Custom headers")).toHaveValue("X-Team: ******");
    await expect(page.getByRole("checkbox", { name: "Push" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Delete" })).not.toBeChecked();
    await expect(page.getByRole("switch", { name: "Status" })).toBeChecked();
    await expect(page.getByLabel("Scope")).toHaveValue("app:v1");

    // Bad input on Configure is refused the same way, and changes nothing.
    await page.getByLabel("Scope").fill("app:");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/Enter a tag after the colon/)).toBeVisible();
    expect((await db.webhook.findFirstOrThrow({ where: { name } })).scope).toBe("app:v1");

    await page.getByLabel("Service URI").fill(receiver.url("/after"));
    await page.getByLabel("Scope").fill("app:*");
    await page.getByRole("checkbox", { name: "Delete" }).check();
    await page.getByRole("switch", { name: "Status" }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();

    await expect(page).toHaveURL(webhookUrl(name));
    const essentials = page.getByRole("region", { name: "Essentials" });
    await expect(essentials).toContainText(receiver.url("/after"));
    await expect(essentials).toContainText("Disabled");
    const stored = openStored(await db.webhook.findFirstOrThrow({ where: { name } }));
    expect(stored).toMatchObject({ serviceUri: receiver.url("/after"), scope: "app:*", actions: "push,delete", status: "disabled" });
    expect(stored.customHeaders).toEqual([["X-Team", "qa"]]);
    expect(stored.serviceUriHash).toBe(createHash("sha256").update(receiver.url("/after"), "utf8").digest("hex"));

    await gotoBlade(page, `${listPath}?filter=${name}`);
    const row = page.getByRole("table", { name: "Webhooks" }).getByRole("row", { name: new RegExp(name) });
    await expect(row.getByRole("cell").nth(3)).toHaveText("Disabled");
  });

  test("Delete asks first; Cancel keeps the webhook, Delete removes it and its events", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("delete");
    await createWebhookThroughUi(page, { name, serviceUri: receiver.url("/delete") });
    await page.getByRole("button", { name: "Ping" }).click();
    await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
    const webhook = await db.webhook.findFirstOrThrow({ where: { name } });
    expect(await db.delivery.count({ where: { webhookId: webhook.id } })).toBe(1);

    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`Do you want to delete the webhook "${name}"?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect(await db.webhook.count({ where: { name } })).toBe(1);

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(listPath);
    await expect(page.getByRole("link", { name })).toBeHidden();
    expect(await db.webhook.count({ where: { name } })).toBe(0);
    expect(await db.delivery.count({ where: { webhookId: webhook.id } })).toBe(0);
  });
});

test("Redeliver refuses an event recorded before the service URI changed", async ({ page, receiver, uniqueName }) => {
  const name = uniqueName("moved");
  await createWebhookThroughUi(page, { name, serviceUri: receiver.url("/old-home") });
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");

  await page.getByRole("button", { name: "Configure" }).click();
  await expect(page.getByRole("button", { name: "Save" })).toBeEnabled();
  await page.getByLabel("Service URI").fill(receiver.url("/new-home"));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(webhookUrl(name));

  await page.getByRole("table", { name: "Events" }).getByRole("row").nth(1).click();
  await page.getByRole("button", { name: "Redeliver", exact: true }).click();
  await expect(page.getByText(/^This event was recorded for a different service URI\. Redeliver would send its old payload/)).toBeVisible();
  expect(receiver.requestsTo("/new-home")).toHaveLength(0);
  expect(receiver.requestsTo("/old-home")).toHaveLength(1);
});
