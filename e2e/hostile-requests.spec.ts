import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, gotoForm, listPath, seedWebhook, test, webhookUrl } from "./fixtures";
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

test.describe("A server action from another origin", () => {
  const forgeries: [string, Record<string, string>][] = [
    ["another site", { Origin: "http://evil.example" }],
    ["a sandboxed frame (Origin: null)", { Origin: "null" }],
    ["the same host on another port", { Origin: "http://127.0.0.1:1" }],
    ["an Origin that is not a URL", { Origin: "evil" }],
    ["a forwarded host that differs from the Origin", { Origin: portalOrigin, "X-Forwarded-Host": "evil.example" }],
  ];

  for (const [what, headers] of forgeries) {
    test(`is refused with 403 and a message: ${what}`, async ({ browser, request }) => {
      const action = await captureSignInAction(browser);
      const response = await callSignIn(request, action, [{ email: "nobody@e2e.test", password: "wrong" }, "/"], headers);
      expect(response.status()).toBe(403);
      expect(await response.text()).toMatch(/^Forbidden: server actions are accepted only from this portal's own pages/);
    });
  }

  test("is refused as a multipart form post too, and the same origin still gets through", async ({ browser, request }) => {
    const multipart = await request.post("/sign-in", {
      headers: { Origin: "http://evil.example" },
      multipart: { "1_$ACTION_ID_0": "" },
      maxRedirects: 0,
    });
    expect(multipart.status()).toBe(403);

    const action = await captureSignInAction(browser);
    const sameOrigin = await callSignIn(request, action, [{ email: "nobody@e2e.test", password: "wrong" }, "/"], { Origin: portalOrigin });
    expect(sameOrigin.status()).toBe(200);
    expect(await sameOrigin.text()).toContain("The email or password is wrong.");
  });
});

test("form pages load without a Content-Security-Policy violation", async ({ page, db, uniqueName }) => {
  const name = uniqueName("cspform");
  await seedWebhook(db, { name, serviceUri: "http://127.0.0.1:9/hook" });
  // Collected from the first script on, before any of the page's own code runs.
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const consoleViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|unsafe-eval/i.test(message.text())) consoleViolations.push(message.text());
  });

  for (const [path, submit] of [
    [`${listPath}/new`, "Create"],
    [`${webhookUrl(name)}/configure`, "Save"],
  ] as const) {
    await gotoForm(page, path, submit);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
  }
  await page.goto("/registries/new");
  await expect(page.getByRole("button", { name: "Add registry" })).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), "/registries/new").toEqual([]);
  // The other forms validate with zod too: a typed value enables their button once hydrated.
  await page.goto("/profile");
  const tokenForm = page.getByRole("form", { name: "New API token" });
  await tokenForm.getByRole("button", { name: "Create token" }).click();
  await expect(tokenForm.getByText("Enter a name that says what the token is for.")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), "/profile").toEqual([]);
  await page.goto("/test-receivers");
  await page.getByLabel("Receiver name").fill(uniqueName("cspreceiver"));
  await expect(page.getByRole("button", { name: "Create receiver" })).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), "/test-receivers").toEqual([]);
  expect(consoleViolations).toEqual([]);
});

test("the sign-in form loads without a Content-Security-Policy violation", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  // Leaving the field runs the form's zod schema in the browser.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").focus();
  await expect(page.getByText("Enter an email address such as admin@example.com.")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  await context.close();
});
