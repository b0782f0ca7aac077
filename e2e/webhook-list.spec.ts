import { createWebhookThroughUi, expect, gotoBlade, listPath, seedWebhook, test } from "./fixtures";
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

    await gotoBlade(page, listPath);
    await expect(page.getByRole("heading", { level: 1, name: /Webhooks/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Refresh" })).toBeVisible();
    const table = page.getByRole("table", { name: "Webhooks" });
    for (const column of ["Name", "Actions", "Scope", "Status"]) {
      await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
    }
    const cellsOf = (name: string) => table.getByRole("row", { name: new RegExp(name) }).getByRole("cell");
    const search = page.getByLabel("Search to filter webhooks");

    await search.fill(alpha);
    await expect(page).toHaveURL(`${listPath}?filter=${alpha}`);
    await expect(cellsOf(alpha)).toHaveText([alpha, "push", "hello-world:v1", "Enabled", "—", "—"]);
    await expect(table.getByRole("link", { name: beta })).toBeHidden();
    await search.fill(beta);
    await expect(cellsOf(beta)).toHaveText([beta, "push, delete", "All repositories", "Disabled", "—", "—"]);
    await expect(table.getByRole("link", { name: alpha })).toBeHidden();

    await search.fill("zzzznomatch");
    await expect(page.getByText('No webhooks match "zzzznomatch".')).toBeVisible();
    // The filter is in the URL: a reload keeps it, in the box and in the rows.
    await page.reload();
    await expect(search).toHaveValue("zzzznomatch");
    await expect(page.getByText('No webhooks match "zzzznomatch".')).toBeVisible();

    await search.fill(beta);
    await table.getByRole("link", { name: beta }).click();
    await expect(page.getByRole("heading", { level: 1, name: beta })).toBeVisible();
    // Back returns to the filtered list.
    await page.goBack();
    await expect(search).toHaveValue(beta);
    await expect(table.getByRole("link", { name: beta })).toBeVisible();
  });

  test("shows 50 a page by name, Next and Previous by key, and pages within a filter", async ({ page, db, uniqueName }) => {
    const registry = uniqueName("pagedreg");
    await db.registry.create({ data: { name: registry } });
    const names = Array.from({ length: 120 }, (_, index) => `hook${String(index).padStart(3, "0")}`);
    await Promise.all(names.map((name) => seedWebhook(db, { name, serviceUri: "https://example.com/hook", registry })));

    await gotoBlade(page, `/registries/${registry}/webhooks`);
    const table = page.getByRole("table", { name: "Webhooks" });
    const links = table.getByRole("link");
    const pager = page.getByRole("navigation", { name: "Webhooks pages" });
    await expect(links).toHaveCount(50);
    await expect(links.first()).toHaveText(names[0]);
    await expect(links.last()).toHaveText(names[49]);
    await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();

    await pager.getByRole("button", { name: "Next" }).click();
    await expect(links.first()).toHaveText(names[50]);
    await expect(page).toHaveURL(new RegExp(`after=${names[49]}$`));
    await pager.getByRole("button", { name: "Next" }).click();
    await expect(links.first()).toHaveText(names[100]);
    await expect(links).toHaveCount(20);
    await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
    await pager.getByRole("button", { name: "Previous" }).click();
    await expect(links.first()).toHaveText(names[50]);
    await expect(links).toHaveCount(50);
    await pager.getByRole("button", { name: "Previous" }).click();
    await expect(links.first()).toHaveText(names[0]);
    await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();

    // A filter starts again at its first page: hook0 is in hook000-hook099, two pages.
    await pager.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Search to filter webhooks").fill("HOOK0");
    await expect(page).toHaveURL(`/registries/${registry}/webhooks?filter=HOOK0`);
    const matching = names.filter((name) => name.includes("hook0"));
    await expect(links.first()).toHaveText(matching[0]);
    await expect(links).toHaveCount(50);
    await pager.getByRole("button", { name: "Next" }).click();
    await expect(links).toHaveText(matching.slice(50));
    await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
    await expect(page.getByLabel("Search to filter webhooks")).toHaveValue("HOOK0");
  });

  test("Add opens the create form and an empty registry says how to add one", async ({ page, db, uniqueName }) => {
    const registry = uniqueName("emptyreg");
    await db.registry.create({ data: { name: registry } });
    await gotoBlade(page, `/registries/${registry}/webhooks`);
    await expect(page.getByText(/No webhooks yet\. Select Add to create one/)).toBeVisible();
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create webhook" })).toBeVisible();
    await expect(page).toHaveURL(`/registries/${registry}/webhooks/new`);
  });

  test("Refresh shows webhooks created elsewhere", async ({ page, db, uniqueName }) => {
    const registry = uniqueName("refreshreg");
    const created = await db.registry.create({ data: { name: registry } });
    await gotoBlade(page, `/registries/${registry}/webhooks`);
    await expect(page.getByText(/No webhooks yet/)).toBeVisible();

    const name = uniqueName("later");
    await db.webhook.create({
      data: { registryId: created.id, name, ...sealStored({ serviceUri: "https://example.com/x", customHeaders: "[]" }), actions: "delete" },
    });
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("the home page opens the default registry's blade", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(listPath);
  });
});
