import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, listPath, test } from "./fixtures";
import { captureServerAction, type CapturedAction } from "./support/server-actions";
import { E2E_BASE_URL, E2E_OWNER } from "./support/settings";

// What the portal answers to requests an attacker crafts (issue 10).

/** `next` values that a naive check normalises into "//evil.example" or another origin. */
const OFFSITE_NEXT = [
  "/..//evil.example/phish",
  "/.//evil.example/phish",
  "/%2e%2e//evil.example/phish",
  "/%2E%2E/..//evil.example/phish",
  "/registries/../..//evil.example/phish",
  "//evil.example/phish",
  "/\\evil.example/phish",
  "/\t/evil.example/phish",
  "https://evil.example/phish",
  "javascript:alert(1)",
];

const portalOrigin = new URL(E2E_BASE_URL).origin;

/** The sign-in action's id, captured from the sign-in page of a visitor with no session. */
const captureSignInAction = async (browser: Browser): Promise<CapturedAction> => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("not-sent");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  const action = await captureServerAction(page, () => page.getByRole("button", { name: "Sign in" }).click());
  await context.close();
  return action;
};

let addressCounter = 0;
/** A client address of its own per call, so the sign-in limits never count across tests. */
const freshAddress = () => `198.51.100.${(process.pid + addressCounter++) % 250}`;

const callSignIn = (request: APIRequestContext, action: CapturedAction, args: unknown[], headers: Record<string, string> = {}) =>
  request.post(action.url, {
    headers: {
      "Next-Action": action.actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      "X-Forwarded-For": freshAddress(),
      ...headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });

test.describe("After signing in, `next` never leaves the portal", () => {
  for (const next of OFFSITE_NEXT) {
    test(`a signed-in GET /sign-in?next=${JSON.stringify(next)} goes home`, async ({ request }) => {
      const response = await request.get(`/sign-in?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(response.headers()["location"]).toBe("/");
    });
  }

  test("a same-origin `next` is kept", async ({ request }) => {
    const response = await request.get(`/sign-in?next=${encodeURIComponent(`${listPath}?x=1`)}`, { maxRedirects: 0 });
    expect(response.headers()["location"]).toBe(`${listPath}?x=1`);
  });

  test("the sign-in action called directly redirects home, not to the `next` it was given", async ({ browser, request }) => {
    const action = await captureSignInAction(browser);
    for (const next of ["/..//evil.example/phish", "/%2e%2e//evil.example", "/\\evil.example"]) {
      const response = await callSignIn(request, action, [{ email: E2E_OWNER.email, password: E2E_OWNER.password }, next]);
      const [target] = (response.headers()["x-action-redirect"] ?? "").split(";");
      expect(new URL(target, E2E_BASE_URL).origin, next).toBe(portalOrigin);
      expect(target, next).toBe("/");
    }
  });
});
