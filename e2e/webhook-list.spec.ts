import { createWebhookThroughUi, expect, gotoBlade, listPath, test } from "./fixtures";
import { sealStored } from "./support/stored-secrets";

test.describe("Webhook list", () => {
  test("server-renders the table, filters by name and links to each webhook", async ({ page, request, receiver, uniqueName }) => {
    const alpha = uniqueName("alpha");
    const beta = uniqueName("beta");
    await createWebhookThroughUi(page, { name: alpha, serviceUri: receiver.url("/a"), scope: "hello-world:v1" });
    await createWebhookThroughUi(page, {
      name: beta,
      serviceUri: receiver.url("/b"),
      actions: ["Push", "Delete"],
      isEnabled: false,
    });

    // The rows are in the first HTML, not fetched after load.
    const html = await (await request.get(listPath)).text();
    expect(html).toContain(alpha);
    expect(html).toContain(beta);

    await gotoBlade(page, listPath);
    await expect(page.getByRole("heading", { level: 1, name: /Webhooks/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Refresh" })).toBeVisible();
    const table = page.getByRole("table", { name: "Webhooks" });
    for (const column of ["Name", "Actions", "Scope", "Status"]) {
      await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
    }
    const cellsOf = (name: string) => table.getByRole("row", { name: new RegExp(name) }).getByRole("cell");
    await expect(cellsOf(alpha)).toHaveText([alpha, "push", "hello-world:v1", "Enabled"]);
    await expect(cellsOf(beta)).toHaveText([beta, "push, delete", "All repositories", "Disabled"]);

    await page.getByLabel("Search to filter webhooks").fill(alpha);
    await expect(table.getByRole("link", { name: alpha })).toBeVisible();
    await expect(table.getByRole("link", { name: beta })).toBeHidden();
    await page.getByLabel("Search to filter webhooks").fill("zzzznomatch");
    await expect(page.getByText('No webhooks match "zzzznomatch".')).toBeVisible();
    await page.getByLabel("Search to filter webhooks").fill(beta);
    await table.getByRole("link", { name: beta }).click();
    await expect(page.getByRole("heading", { level: 1, name: beta })).toBeVisible();
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
