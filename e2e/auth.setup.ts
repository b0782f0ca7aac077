import { expect, test as setup } from "@playwright/test";
import { E2E_CONTRIBUTOR, E2E_OWNER, E2E_READER } from "./support/settings";
import { signIn } from "./support/sign-in";
import { currentTarget } from "./support/targets";

// Signs in once per role and saves each browser state for the specs: the Owner (made from
// ADMIN_EMAIL) adds a Contributor and a Reader through the Users page, then each signs in.
// Once per portal: the `setup` and `setup-postgres` projects each run it against their target.

setup("the Owner adds a Contributor and a Reader; each role signs in", async ({ browser }) => {
  const storage = currentTarget().storage;
  const ownerContext = await browser.newContext();
  const page = await ownerContext.newPage();
  await signIn(page, E2E_OWNER);
  await ownerContext.storageState({ path: storage.owner });

  await page.goto("/users");
  for (const [user, role] of [[E2E_CONTRIBUTOR, "Contributor"], [E2E_READER, "Reader"]] as const) {
    const form = page.getByRole("form", { name: "Add user" });
    await expect(form.getByRole("button", { name: "Add user" })).toBeEnabled();
    await form.getByLabel("Name").fill(user.name);
    await form.getByLabel("Email").fill(user.email);
    await form.getByLabel("Password").fill(user.password);
    await form.getByLabel("Role").selectOption({ label: role });
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("status")).toHaveText(`Added ${user.email}.`);
  }
  await ownerContext.close();

  for (const [user, path] of [[E2E_CONTRIBUTOR, storage.contributor], [E2E_READER, storage.reader]] as const) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), user);
    await context.storageState({ path });
    await context.close();
  }
});
