import path from "node:path";
import { expect, listPath, test, uniqueEmail } from "./fixtures";
import { freshDatabase, startPortal } from "./support/portal-process";
import { E2E_CONTRIBUTOR, extraPortalPort } from "./support/settings";

// Signing in, out and setting up, as someone with no session yet.
test.use({ storageState: { cookies: [], origins: [] } });

test("a visitor is sent to sign in, a wrong password is refused, the right one leads back, and Sign out ends the session", async ({ page, context }) => {
  await page.goto(listPath);
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(listPath)}`);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();

  await page.getByLabel("Email").fill(E2E_CONTRIBUTOR.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is wrong.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Password").fill(E2E_CONTRIBUTOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(listPath);
  await expect(page.getByRole("link", { name: `${E2E_CONTRIBUTOR.email} (Contributor)` })).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/sign-in");
  await page.goto(listPath);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});

test("the form explains missing fields, and sign-in attempts are limited to 5 a minute per account and address", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter an email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();

  await page.getByLabel("Email").fill(uniqueEmail("guesser"));
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`guess-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The email or password is wrong.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill("guess-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many sign-in attempts\. Try again in \d+ s\.$/)).toBeVisible();
});

test("with no user and no ADMIN_EMAIL, a one-time setup page creates the first Owner", async ({ browser }) => {
  test.setTimeout(90_000);
  const databaseUrl = await freshDatabase(path.resolve("data/setup.db"));
  const portal = await startPortal(extraPortalPort(4), { DATABASE_URL: databaseUrl, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
  try {
    const page = await (await browser.newContext({ baseURL: portal.url })).newPage();
    await page.goto("/");
    await expect(page).toHaveURL("/setup");
    await expect(page.getByRole("button", { name: "Create Owner" })).toBeEnabled();
    await page.getByLabel("Name").fill("First Owner");
    await page.getByLabel("Email").fill("first@setup.test");
    await page.getByRole("textbox", { name: "Password", exact: true }).fill("first-owner-password");
    await page.getByLabel("Confirm password").fill("something-else-entirely");
    await page.getByRole("button", { name: "Create Owner" }).click();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await page.getByLabel("Confirm password").fill("first-owner-password");
    await page.getByRole("button", { name: "Create Owner" }).click();
    await expect(page).toHaveURL("/registries/myregistry/webhooks");
    await expect(page.getByRole("link", { name: "first@setup.test (Owner)" })).toBeVisible();

    // Once someone exists, the setup page is gone.
    const stranger = await (await browser.newContext({ baseURL: portal.url })).newPage();
    await stranger.goto("/setup");
    await expect(stranger).toHaveURL("/sign-in");
  } finally {
    await portal.kill("SIGTERM");
  }
});
