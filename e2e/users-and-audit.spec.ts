import { expect, gotoBlade, seedWebhook, test, uniqueEmail, webhookUrl, REGISTRY } from "./fixtures";
import { E2E_CONTRIBUTOR, E2E_OWNER, E2E_STORAGE } from "./support/settings";
import { signIn } from "./support/sign-in";

// The Owner's pages: Users (roles like Azure RBAC) and the audit log.
test.use({ storageState: E2E_STORAGE.owner });

test("an Owner adds a user, who signs in with that role; changes the role; deletes them; and cannot remove the last Owner", async ({ page, browser }) => {
  const email = uniqueEmail("newcomer");
  await page.goto("/users");
  const form = page.getByRole("form", { name: "Add user" });
  await expect(form.getByRole("button", { name: "Add user" })).toBeEnabled();
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Enter a name.")).toBeVisible();
  await form.getByLabel("Name").fill("New Comer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Use at least 12 characters.")).toBeVisible();
  await form.getByLabel("Password").fill("newcomer-password-1");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("reader");

  // The same email again is refused under its field.
  await form.getByLabel("Name").fill("Again");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill("newcomer-password-1");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText(`${email} already has an account.`)).toBeVisible();

  const newcomer = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(newcomer, { email, password: "newcomer-password-1" });
  await expect(newcomer.getByRole("link", { name: `${email} (Reader)` })).toBeVisible();

  await row.getByRole("combobox", { name: `Role of ${email}` }).selectOption("contributor");
  // Saved once the page re-renders from the server with the new role (reloading earlier can
  // cut the server action short).
  await expect(row.getByRole("combobox", { name: `Role of ${email}` })).toBeEnabled();
  await expect(row.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("contributor");
  await page.reload();
  await expect(page.getByRole("combobox", { name: `Role of ${email}` })).toHaveValue("contributor");
  // The new role applies to the open session at once: no cookie cache.
  await newcomer.reload();
  await expect(newcomer.getByRole("link", { name: `${email} (Contributor)` })).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Delete ${email}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);
  await newcomer.reload();
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await newcomer.context().close();

  // The Owner is the only one: demoting themselves is refused and nothing changes.
  await expect(page.getByRole("button", { name: `Delete ${E2E_OWNER.email}` })).toHaveCount(0);
  await page.getByRole("combobox", { name: `Role of ${E2E_OWNER.email}` }).selectOption("reader");
  await expect(page.getByText("The portal needs at least one Owner: make someone else Owner first.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: `Role of ${E2E_OWNER.email}` })).toHaveValue("owner");
});

test("the audit log shows who pinged, revealed a secret and signed in, when and from where", async ({ page, browser, db, receiver, uniqueName }) => {
  const name = uniqueName("audited");
  await seedWebhook(db, { name, serviceUri: receiver.url("/audited") });
  const contributor = await (await browser.newContext({ storageState: E2E_STORAGE.contributor })).newPage();
  await gotoBlade(contributor, webhookUrl(name));
  await contributor.getByRole("button", { name: "Ping" }).click();
  await expect(contributor.getByRole("status")).toHaveText("Ping sent: 200 OK");
  await contributor.getByRole("button", { name: "Show callback config" }).click();
  await expect(contributor.getByLabel("Callback service URI")).toHaveValue(receiver.url("/audited"));
  await contributor.context().close();
  const signingIn = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(signingIn, E2E_OWNER);
  await signingIn.context().close();

  await page.goto("/audit");
  const log = page.getByRole("table", { name: "Audit log" });
  const target = `${REGISTRY}/${name}`;
  for (const action of ["webhook.ping", "webhook.get-config"]) {
    const entry = log.getByRole("row").filter({ hasText: target }).filter({ hasText: action });
    await expect(entry).toHaveCount(1);
    await expect(entry.getByRole("cell").nth(0)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    await expect(entry.getByRole("cell").nth(1)).toHaveText(E2E_CONTRIBUTOR.email);
    await expect(entry.getByRole("cell").nth(5)).toHaveText(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  }
  const signedIn = log.getByRole("row").filter({ hasText: "sign-in" }).filter({ hasText: E2E_OWNER.email }).first();
  await expect(signedIn).toBeVisible();
  await expect(signedIn.getByRole("cell").nth(5)).not.toBeEmpty();
});
