import { expect, type Page } from "@playwright/test";

type Credentials = { email: string; password: string };

/** Signs in through the sign-in page, as a person would, and waits to leave it. */
export const signIn = async (page: Page, { email, password }: Credentials, baseUrl = "") => {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const button = page.getByRole("button", { name: "Sign in" });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page).not.toHaveURL(/\/sign-in/);
};
