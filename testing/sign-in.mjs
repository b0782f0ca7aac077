import { expect } from "@playwright/test";

/** Signs in through the portal's real sign-in page, as a person would, and waits to leave it. */
export const signIn = async (page, { email, password }, baseUrl = "") => {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const button = page.getByRole("button", { name: "Sign in" });
  // Enabled once React has hydrated the form: a click before that would be lost.
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page).not.toHaveURL(/\/sign-in/);
};

/** Signs in in a browser context of its own and returns its storage state (cookies). */
export const signedInState = async (browser, credentials, baseUrl) => {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    await signIn(await context.newPage(), credentials);
    return await context.storageState();
  } finally {
    await context.close();
  }
};
