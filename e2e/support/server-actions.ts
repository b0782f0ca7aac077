import { expect, type APIRequestContext, type Page } from "@playwright/test";

// A server action is an HTTP POST carrying a Next-Action id. To prove the server (not just
// the page) refuses a role, a test captures the exact request a permitted user's click makes,
// stops it before it reaches the server, and replays it as another user.

export type CapturedAction = { url: string; actionId: string; body: string };

export const captureServerAction = async (page: Page, click: () => Promise<void>): Promise<CapturedAction> => {
  let captured: CapturedAction | null = null;
  await page.route("**/*", async (route, request) => {
    const actionId = request.headers()["next-action"];
    if (request.method() !== "POST" || !actionId || captured) return route.continue();
    captured = { url: request.url(), actionId, body: request.postData() ?? "" };
    await route.abort();
  });
  await click();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unroute("**/*");
  return captured!;
};

export const replayServerAction = (request: APIRequestContext, action: CapturedAction) =>
  request.post(action.url, {
    headers: { "Next-Action": action.actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: action.body,
    maxRedirects: 0,
  });
