import { expect, test } from "./fixtures";

// Crawlers come without a session: public/robots.txt must reach them, not the sign-in redirect.
test.use({ storageState: { cookies: [], origins: [] } });

test("/robots.txt answers signed out with plain text that keeps every crawler out", async ({ request }) => {
  const response = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const lines = (await response.text()).split("\n").map((line) => line.trim());
  expect(lines).toContain("User-agent: *");
  expect(lines).toContain("Disallow: /");
});
