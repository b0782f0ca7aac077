import { createHash } from "node:crypto";
import { CreateWebhookForm } from "registry-webhooks/testing";
import { createWebhookThroughUi, expect, listPath, REGISTRY, test, webhookUrl } from "./fixtures";
import { openStored } from "./support/stored-secrets";

test.describe("Create webhook", () => {
  test("explains every invalid field in the browser, then creates the webhook", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("create");
    const form = await new CreateWebhookForm(page, { registry: REGISTRY }).goto();
    await expect(form.heading).toHaveText("Create webhook");

    // Submitting the empty form flags each required field, and nothing reaches the server.
    await form.actionCheckbox("Push").uncheck();
    await form.submit();
    await form.expectFieldError("Webhook name", "Enter a webhook name.");
    await form.expectFieldError("Service URI", "Enter the service URI the webhook will POST to.");
    await form.expectFieldError("Trigger actions", "Select at least one trigger action.");
    await expect(page).toHaveURL(`${listPath}/new`);

    // Each rule answers in plain words under its own field, as the admin types.
    await form.fill({ name: "Bad_Name" });
    await form.expectFieldError("Webhook name", "Use only lowercase letters (a-z) and digits (0-9).");
    await form.fill({ name: "abc" });
    await form.expectFieldError("Webhook name", "Use 5 to 50 characters (this one has 3).");
    await form.fill({ name });
    await form.expectFieldValid("Webhook name");

    await form.fill({ serviceUri: "ftp://example.com/hook" });
    await form.expectFieldError("Service URI", "The service URI must start with http:// or https://.");
    await form.fill({ serviceUri: receiver.url("/create") });

    await form.fill({ customHeaders: "X-Team: registry\nnot a header" });
    await form.customHeadersBox.blur();
    // The message is the field's accessible description (aria-describedby), not just nearby text.
    await form.expectFieldError("Custom headers", "Line 2: expected key: value");
    await form.fill({ customHeaders: "Host: attacker.example" });
    await form.expectFieldError("Custom headers", "Line 1: the Host header is set by the portal and cannot be changed");
    await form.fill({ customHeaders: "X-Team: registry\nAuthorization: Bearer e2e-token" });

    await form.fill({ scope: "Hello:v1" });
    await form.scopeBox.blur();
    await form.expectFieldError("Scope", /"Hello" is not a valid repository name/);
    await form.fill({ scope: "hello-world:*" });

    await form.actionCheckbox("Delete").check();
    await form.expectFieldValid("Trigger actions");
    await form.actionCheckbox("Push").check();
    const webhook = await form.create({ name, serviceUri: receiver.url("/create") });

    await expect(page).toHaveURL(webhookUrl(name));
    await expect(webhook.heading).toBeVisible();
    const row = await db.webhook.findFirstOrThrow({ where: { name, registry: { name: REGISTRY } } });
    // Stored encrypted: the database file does not give the URI or header values away.
    expect(row.serviceUri).toMatch(/^v1:/);
    expect(row.customHeaders).toMatch(/^v1:/);
    expect(`${row.serviceUri} ${row.customHeaders}`).not.toContain("e2e-token");
    const stored = openStored(row);
    expect(stored).toMatchObject({
      serviceUri: receiver.url("/create"),
      actions: "push,delete",
      status: "enabled",
      scope: "hello-world:*",
    });
    // The hash ingest, Ping and Redeliver tag deliveries with, written with the URI.
    expect(row.serviceUriHash).toBe(createHash("sha256").update(receiver.url("/create"), "utf8").digest("hex"));
    expect(stored.customHeaders).toEqual([
      ["X-Team", "registry"],
      ["Authorization", "Bearer e2e-token"],
    ]);
  });

  test("refuses a name already used in the registry", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("dup");
    await createWebhookThroughUi(page, { name, serviceUri: receiver.url("/first") });

    const form = await new CreateWebhookForm(page, { registry: REGISTRY }).goto();
    await form.fill({ name, serviceUri: receiver.url("/second") });
    await form.submit();

    await form.expectFieldError("Webhook name", `A webhook named "${name}" already exists in ${REGISTRY}. Choose another name.`);
    const stored = await db.webhook.findMany({ where: { name } });
    expect(stored.map((webhook) => openStored(webhook).serviceUri)).toEqual([receiver.url("/first")]);
  });

  test("validates again on the server when a request skips the browser's checks", async ({ page, db, uniqueName }) => {
    const name = uniqueName("bypass");
    const form = await new CreateWebhookForm(page, { registry: REGISTRY }).goto();
    await form.fill({ name, serviceUri: "https://example.com/hook" });

    // Rewrite the server action's body after the browser validated it, as a hand-made POST would.
    await page.route(`**${listPath}/new`, async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
      const [registry, values] = JSON.parse(request.postData() ?? "[]");
      const forged = {
        ...values,
        serviceUri: "javascript:alert(1)",
        customHeaders: "Transfer-Encoding: chunked",
        actions: ["pull"],
        scope: "UPPER:case",
      };
      await route.continue({ postData: JSON.stringify([registry, forged]) });
    });
    await form.submit();

    await form.expectFieldError("Service URI", "The service URI must start with http:// or https://.");
    await form.expectFieldError("Custom headers", /Line 1: the Transfer-Encoding header is set by the portal/);
    await form.expectFieldError("Trigger actions", 'Trigger actions are "push" and "delete".');
    await form.expectFieldError("Scope", /"UPPER" is not a valid repository name/);
    await expect(page).toHaveURL(`${listPath}/new`);
    expect(await db.webhook.count({ where: { name } })).toBe(0);
  });
});
