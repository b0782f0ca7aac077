import { expect, listPath, test } from "./fixtures";

test.describe("Bad addresses", () => {
  for (const path of [
    "/registries/nosuchregistry/webhooks",
    "/registries/nosuchregistry/webhooks/new",
    `${listPath}/nosuchwebhook`,
    `${listPath}/nosuchwebhook/configure`,
  ]) {
    test(`${path} is a 404 page, not a crash`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      await expect(page.locator("body")).not.toContainText(/at .*\.(js|ts):\d+/);
    });
  }

  test("a malformed %-escape in the address is a 400 with a message", async ({ request }) => {
    const response = await request.get(`${listPath}/%E0`);
    expect(response.status()).toBe(400);
    expect(await response.text()).toBe("Bad request: the address contains a malformed %-escape.");
  });

  test("the events API answers 404 with a message", async ({ request }) => {
    const missing = await request.get(`/api${listPath}/nosuchwebhook/events`);
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "WebhookNotFound", message: expect.stringContaining("does not exist") },
    });
    const noRegistry = await request.get("/api/registries/nosuchregistry/webhooks/any/events");
    expect(noRegistry.status()).toBe(404);
    expect((await noRegistry.json()).error.code).toBe("RegistryNotFound");
  });
});

test("every page carries the security headers", async ({ request }) => {
  for (const path of [listPath, `${listPath}/new`, "/registries", "/registries/nosuchregistry/webhooks"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    // Scripts run by nonce only: a fresh one per response, stamped on the page's scripts.
    const scriptSources = /script-src ([^;]*)/.exec(headers["content-security-policy"])![1];
    expect(scriptSources).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(scriptSources)![1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
  }
});
