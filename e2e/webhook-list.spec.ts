import { WebhooksBlade } from "registry-webhooks/testing";
import { createWebhookThroughUi, expect, listPath, REGISTRY, seedWebhook, test } from "./fixtures";
import { sealStored } from "./support/stored-secrets";

test.describe("Webhook list", () => {
  test("server-renders the table, filters by name on the server as you type and links to each webhook", async ({ page, request, receiver, uniqueName }) => {
    const alpha = uniqueName("alpha");
    const beta = uniqueName("beta");
    await createWebhookThroughUi(page, { name: alpha, serviceUri: receiver.url("/a"), scope: "hello-world:v1" });
    await createWebhookThroughUi(page, {
      name: beta,
      serviceUri: receiver.url("/b"),
      actions: ["Push", "Delete"],
      isEnabled: false,
    });

    // The rows are in the first HTML, not fetched after load, filtered by the server.
    const html = await (await request.get(`${listPath}?filter=${alpha.toUpperCase()}`)).text();
    expect(html).toContain(alpha);
    expect(html).not.toContain(beta);

    const blade = await new WebhooksBlade(page, { registry: REGISTRY }).goto();
    await expect(blade.heading).toBeVisible();
    await expect(blade.addButton).toBeVisible();
    await expect(blade.refreshButton).toBeVisible();
    for (const column of ["Name", "Actions", "Scope", "Status"]) {
      await expect(blade.table.getByRole("columnheader", { name: column })).toBeVisible();
    }

    await blade.filter(alpha);
    await expect(page).toHaveURL(`${listPath}?filter=${alpha}`);
    await expect(blade.cellsOf(alpha)).toHaveText([alpha, "push", "hello-world:v1", "Enabled", "—", "—"]);
    await expect(blade.row(beta)).toBeHidden();
    await blade.filter(beta);
    await expect(blade.cellsOf(beta)).toHaveText([beta, "push, delete", "All repositories", "Disabled", "—", "—"]);
    await expect(blade.row(alpha)).toBeHidden();

    await blade.filter("zzzznomatch");
    await expect(blade.rows).toHaveCount(0);
    await expect(page.getByText('No webhooks match "zzzznomatch".')).toBeVisible();
    // The filter is in the URL: a reload keeps it, in the box and in the rows.
    await page.reload();
    await expect(blade.searchBox).toHaveValue("zzzznomatch");
    await expect(page.getByText('No webhooks match "zzzznomatch".')).toBeVisible();

    await blade.filter(beta);
    const webhook = await blade.open(beta);
    await expect(webhook.heading).toBeVisible();
    // Back returns to the filtered list.
    await page.goBack();
    await expect(blade.searchBox).toHaveValue(beta);
    await expect(blade.row(beta)).toBeVisible();
  });

  test("shows 50 a page by name, Next and Previous by key, and pages within a filter", async ({ page, db, uniqueName }) => {
    const registry = uniqueName("pagedreg");
    await db.registry.create({ data: { name: registry } });
    const names = Array.from({ length: 120 }, (_, index) => `hook${String(index).padStart(3, "0")}`);
    await Promise.all(names.map((name) => seedWebhook(db, { name, serviceUri: "https://example.com/hook", registry })));

    const blade = await new WebhooksBlade(page, { registry }).goto();
    const { links } = blade;
    await expect(links).toHaveCount(50);
    await expect(blade.rows).toHaveCount(50);
    await expect(links.first()).toHaveText(names[0]);
    await expect(links.last()).toHaveText(names[49]);
    await expect(blade.previousButton).toBeDisabled();

    await blade.nextPage();
    await expect(links.first()).toHaveText(names[50]);
    await expect(page).toHaveURL(new RegExp(`after=${names[49]}$`));
    await blade.nextPage();
    await expect(links.first()).toHaveText(names[100]);
    await expect(links).toHaveCount(20);
    await expect(blade.nextButton).toBeDisabled();
    await blade.previousPage();
    await expect(links.first()).toHaveText(names[50]);
    await expect(links).toHaveCount(50);
    await blade.previousPage();
    await expect(links.first()).toHaveText(names[0]);
    await expect(blade.previousButton).toBeDisabled();

    // A filter starts again at its first page: hook0 is in hook000-hook099, two pages.
    await blade.nextPage();
    await blade.filter("HOOK0");
    await expect(page).toHaveURL(`/registries/${registry}/webhooks?filter=HOOK0`);
    const matching = names.filter((name) => name.includes("hook0"));
    await expect(links.first()).toHaveText(matching[0]);
    await expect(links).toHaveCount(50);
    await blade.nextPage();
    await expect(links).toHaveText(matching.slice(50));
    await expect(blade.nextButton).toBeDisabled();
    await expect(blade.searchBox).toHaveValue("HOOK0");
  });

  test("Add opens the create form and an empty registry says how to add one", async ({ page, db, uniqueName }) => {
    const registry = uniqueName("emptyreg");
    await db.registry.create({ data: { name: registry } });
    const blade = await new WebhooksBlade(page, { registry }).goto();
    await expect(page.getByText(/No webhooks yet\. Select Add to create one/)).toBeVisible();
    const form = await blade.add();
    await expect(form.heading).toHaveText("Create webhook");
    await expect(page).toHaveURL(`/registries/${registry}/webhooks/new`);
  });

  test("Refresh shows webhooks created elsewhere", async ({ page, db, uniqueName }) => {
    const registry = uniqueName("refreshreg");
    const created = await db.registry.create({ data: { name: registry } });
    const blade = await new WebhooksBlade(page, { registry }).goto();
    await expect(page.getByText(/No webhooks yet/)).toBeVisible();

    const name = uniqueName("later");
    await db.webhook.create({
      data: { registryId: created.id, name, ...sealStored({ serviceUri: "https://example.com/x", customHeaders: "[]" }), actions: "delete" },
    });
    await blade.refresh();
    await expect(blade.row(name)).toBeVisible();
  });

  test("the home page opens the default registry's blade", async ({ page }) => {
    // The kit's page objects rely on this when no registry is given.
    const blade = await new WebhooksBlade(page).goto();
    await expect(page).toHaveURL(listPath);
    expect(blade.registry).toBe(REGISTRY);
  });
});
