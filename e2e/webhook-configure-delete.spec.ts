import { createHash } from "node:crypto";
import { WebhooksBlade } from "registry-webhooks/testing";
import { createWebhookThroughUi, expect, listPath, REGISTRY, test, webhookUrl } from "./fixtures";
import { openStored } from "./support/stored-secrets";

test.describe("Configure and delete", () => {
  test("Configure prefills the form, keeps the name, and disabling shows in the list", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("config");
    const webhook = await createWebhookThroughUi(page, {
      name,
      serviceUri: receiver.url("/before"),
      customHeaders: "X-Team: qa",
      actions: ["Push"],
      scope: "app:v1",
    });

    const form = await webhook.configure();
    await expect(page).toHaveURL(`${webhookUrl(name)}/configure`);
    await expect(form.nameBox).toHaveValue(name);
    await expect(form.nameBox).toHaveAttribute("readonly", "");
    await expect(form.serviceUriBox).toHaveValue(receiver.url("/before"));
    // Header values are write-only: shown masked, and kept when left masked.
    await expect(form.customHeadersBox).toHaveValue("X-Team: ******");
    await expect(form.actionCheckbox("Push")).toBeChecked();
    await expect(form.actionCheckbox("Delete")).not.toBeChecked();
    await expect(form.statusSwitch).toBeChecked();
    await expect(form.scopeBox).toHaveValue("app:v1");

    // Bad input on Configure is refused the same way, and changes nothing.
    await form.fill({ scope: "app:" });
    await form.submit();
    await form.expectFieldError("Scope", /Enter a tag after the colon/);
    expect((await db.webhook.findFirstOrThrow({ where: { name } })).scope).toBe("app:v1");

    const saved = await form.save({ serviceUri: receiver.url("/after"), scope: "app:*", actions: ["Push", "Delete"], isEnabled: false });

    await expect(page).toHaveURL(webhookUrl(name));
    await expect(saved.essentials).toContainText(receiver.url("/after"));
    expect(await saved.essential("Service URI")).toBe(receiver.url("/after"));
    expect(await saved.essential("Status")).toBe("Disabled");
    expect(await saved.essential("Actions")).toBe("push, delete");
    const stored = openStored(await db.webhook.findFirstOrThrow({ where: { name } }));
    expect(stored).toMatchObject({ serviceUri: receiver.url("/after"), scope: "app:*", actions: "push,delete", status: "disabled" });
    expect(stored.customHeaders).toEqual([["X-Team", "qa"]]);
    expect(stored.serviceUriHash).toBe(createHash("sha256").update(receiver.url("/after"), "utf8").digest("hex"));

    const blade = await new WebhooksBlade(page, { registry: REGISTRY }).goto({ filter: name });
    await expect(blade.cellsOf(name).nth(3)).toHaveText("Disabled");
  });

  test("Delete asks first; Cancel keeps the webhook, Delete removes it and its events", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("delete");
    const webhook = await createWebhookThroughUi(page, { name, serviceUri: receiver.url("/delete") });
    expect(await webhook.ping()).toBe("Ping sent: 200 OK");
    const stored = await db.webhook.findFirstOrThrow({ where: { name } });
    expect(await db.delivery.count({ where: { webhookId: stored.id } })).toBe(1);

    await webhook.deleteButton.click();
    await expect(webhook.deleteDialog).toContainText(`Do you want to delete the webhook "${name}"?`);
    await webhook.deleteDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(webhook.deleteDialog).toBeHidden();
    expect(await db.webhook.count({ where: { name } })).toBe(1);

    await webhook.delete();
    await expect(page).toHaveURL(listPath);
    await expect(new WebhooksBlade(page).row(name)).toBeHidden();
    await expect(page.getByRole("link", { name })).toBeHidden();
    expect(await db.webhook.count({ where: { name } })).toBe(0);
    expect(await db.delivery.count({ where: { webhookId: stored.id } })).toBe(0);
  });
});

test("Redeliver refuses an event recorded before the service URI changed", async ({ page, receiver, uniqueName }) => {
  const name = uniqueName("moved");
  const webhook = await createWebhookThroughUi(page, { name, serviceUri: receiver.url("/old-home") });
  expect(await webhook.ping()).toBe("Ping sent: 200 OK");

  const form = await webhook.configure();
  await form.save({ serviceUri: receiver.url("/new-home") });
  await expect(page).toHaveURL(webhookUrl(name));

  await webhook.events.select(webhook.events.newest);
  await webhook.events.redeliver();
  await expect(webhook.notice).toHaveText(/^This event was recorded for a different service URI\. Redeliver would send its old payload/);
  expect(receiver.requestsTo("/new-home")).toHaveLength(0);
  expect(receiver.requestsTo("/old-home")).toHaveLength(1);
});
