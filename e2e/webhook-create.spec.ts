import { createHash } from "node:crypto";
import { createWebhookThroughUi, expect, gotoForm, listPath, REGISTRY, test, webhookUrl } from "./fixtures";
import { openStored } from "./support/stored-secrets";

test.describe("Create webhook", () => {
  test("explains every invalid field in the browser, then creates the webhook", async ({ page, db, receiver, uniqueName }) => {
    const name = uniqueName("create");
    await gotoForm(page, `${listPath}/new`, "Create");
    await expect(page.getByRole("heading", { level: 1, name: "Create webhook" })).toBeVisible();

    // Submitting the empty form flags each required field, and nothing reaches the server.
    await page.getByRole("checkbox", { name: "Push" }).uncheck();
    await page.getByRole("button", { name: "Create" }).click();
    const nameBox = page.getByLabel("Webhook name");
    await expect(nameBox).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter a webhook name.")).toBeVisible();
    await expect(page.getByLabel("Service URI")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter the service URI the webhook will POST to.")).toBeVisible();
    await expect(page.getByText("Select at least one trigger action.")).toBeVisible();
    await expect(page).toHaveURL(`${listPath}/new`);

    // Each rule answers in plain words under its own field, as the admin types.
    await nameBox.fill("Bad_Name");
    await expect(page.getByText("Use only lowercase letters (a-z) and digits (0-9).")).toBeVisible();
    await nameBox.fill("abc");
    await expect(page.getByText("Use 5 to 50 characters (this one has 3).")).toBeVisible();
    await nameBox.fill(name);
    await expect(nameBox).not.toHaveAttribute("aria-invalid", "true");

    const uri = page.getByLabel("Service URI");
    await uri.fill("ftp://example.com/hook");
    await expect(page.getByText("The service URI must start with http:// or https://.")).toBeVisible();
    await uri.fill(receiver.url("/create"));

    const headers = page.getByLabel("Custom headers");
    await headers.fill("X-Team: registry\nnot a header");
    await headers.blur();
    await expect(page.getByText("Line 2: expected key: value")).toBeVisible();
    await expect(headers).toHaveAttribute("aria-invalid", "true");
    const describedBy = await headers.getAttribute("aria-describedby");
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy!.split(" ")[0]}"]`)).toContainText("Line 2: expected key: value");
    await headers.fill("Host: attacker.example");
    await expect(page.getByText("Line 1: the Host header is set by the portal and cannot be changed")).toBeVisible();
    await headers.fill("X-Team: registry\nAuthorization: Bearer e2e-token");

    const scope = page.getByLabel("Scope");
    await scope.fill("Hello:v1");
    await scope.blur();
    await expect(page.getByText(/"Hello" is not a valid repository name/)).toBeVisible();
    await scope.fill("hello-world:*");

    await page.getByRole("checkbox", { name: "Delete" }).check();
    await expect(page.getByText("Select at least one trigger action.")).toBeHidden();
    await page.getByRole("checkbox", { name: "Push" }).check();
    await page.getByRole("button", { name: "Create" }).click();

    await expect(page).toHaveURL(webhookUrl(name));
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
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

    await gotoForm(page, `${listPath}/new`, "Create");
    await page.getByLabel("Webhook name").fill(name);
    await page.getByLabel("Service URI").fill(receiver.url("/second"));
    await page.getByRole("button", { name: "Create" }).click();

    await expect(page.getByText(`A webhook named "${name}" already exists in ${REGISTRY}. Choose another name.`)).toBeVisible();
    await expect(page.getByLabel("Webhook name")).toHaveAttribute("aria-invalid", "true");
    const stored = await db.webhook.findMany({ where: { name } });
    expect(stored.map((webhook) => openStored(webhook).serviceUri)).toEqual([receiver.url("/first")]);
  });

  test("validates again on the server when a request skips the browser's checks", async ({ page, db, uniqueName }) => {
    const name = uniqueName("bypass");
    await gotoForm(page, `${listPath}/new`, "Create");
    await page.getByLabel("Webhook name").fill(name);
    await page.getByLabel("Service URI").fill("https://example.com/hook");

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
    await page.getByRole("button", { name: "Create" }).click();

    await expect(page.getByText("The service URI must start with http:// or https://.")).toBeVisible();
    await expect(page.getByText(/Line 1: the Transfer-Encoding header is set by the portal/)).toBeVisible();
    await expect(page.getByText('Trigger actions are "push" and "delete".')).toBeVisible();
    await expect(page.getByText(/"UPPER" is not a valid repository name/)).toBeVisible();
    await expect(page.getByLabel("Service URI")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(`${listPath}/new`);
    expect(await db.webhook.count({ where: { name } })).toBe(0);
  });
});
