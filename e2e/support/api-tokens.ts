import { expect, request as playwrightRequest, type Browser } from "@playwright/test";
import { currentTarget, type E2ETarget } from "./targets";

type Role = keyof E2ETarget["storage"];

/**
 * A request context for the test's portal that authenticates with `token` alone (no session
 * cookie), or not at all without one: how scripts and the CLI call the REST API.
 */
export const tokenContext = (token?: string) =>
  playwrightRequest.newContext({
    baseURL: currentTarget().baseUrl,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: token ? { Authorization: `Bearer ${token}` } : {},
  });

/** Makes a personal API token on the profile page of the test's portal, as that user would, and returns it. */
export const createApiTokenThroughUi = async (
  browser: Browser,
  role: Role,
  { name, tokenRole }: { name: string; tokenRole?: "owner" | "contributor" | "reader" },
) => {
  const context = await browser.newContext({ baseURL: currentTarget().baseUrl, storageState: currentTarget().storage[role] });
  const page = await context.newPage();
  await page.goto("/profile");
  const form = page.getByRole("form", { name: "New API token" });
  await expect(form.getByRole("button", { name: "Create token" })).toBeEnabled();
  await form.getByLabel("Token name").fill(name);
  if (tokenRole) await form.getByLabel("Role").selectOption(tokenRole);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Token (shown once)").inputValue();
  await context.close();
  return token;
};
