import type { Page } from "@playwright/test";
import { expect, gotoBlade, seedWebhook, test, webhookUrl } from "./fixtures";
import type { ReceivedRequest } from "./support/receiver";
import { isSignedBy } from "./support/receiver-checks";

const pingAndGet = async (page: Page, requests: () => ReceivedRequest[]) => {
  const before = requests().length;
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
  expect(requests()).toHaveLength(before + 1);
  return requests()[before];
};

test("signs deliveries with a secret stored encrypted, and keeps the old secret signing after a rotation", async ({ page, db, receiver, uniqueName }) => {
  const name = uniqueName("signed");
  await seedWebhook(db, { name, serviceUri: receiver.url("/signed") });
  await gotoBlade(page, webhookUrl(name));
  await expect(page.getByText("Deliveries are not signed.")).toBeVisible();
  const unsigned = await pingAndGet(page, () => receiver.requestsTo("/signed"));
  expect(unsigned.headers["webhook-signature"]).toBeUndefined();

  await page.getByRole("button", { name: "Generate signing secret" }).click();
  const secretBox = page.getByLabel("Signing secret");
  await expect(secretBox).toHaveValue(/^whsec_/);
  const first = await secretBox.inputValue();
  const stored = await db.webhook.findFirstOrThrow({ where: { name } });
  expect(stored.signingSecret).toMatch(/^v1:/);
  expect(stored.signingSecret).not.toContain(first.slice(6));

  const signed = await pingAndGet(page, () => receiver.requestsTo("/signed"));
  expect(signed.headers["webhook-id"]).toBe(JSON.parse(signed.body).id);
  expect(Math.abs(Date.now() / 1000 - Number(signed.headers["webhook-timestamp"]))).toBeLessThan(60);
  expect(isSignedBy(first, signed)).toBe(true);
  expect(isSignedBy("whsec_d3Jvbmcgc2VjcmV0IGZvciB0ZXN0", signed)).toBe(false);

  await page.getByRole("button", { name: "Rotate signing secret" }).click();
  await expect(secretBox).not.toHaveValue(first);
  const second = await secretBox.inputValue();
  await expect(page.getByText(/The previous secret also signs until/)).toBeVisible();
  const rotated = await pingAndGet(page, () => receiver.requestsTo("/signed"));
  expect(String(rotated.headers["webhook-signature"]).split(" ")).toHaveLength(2);
  expect(isSignedBy(second, rotated)).toBe(true);
  expect(isSignedBy(first, rotated)).toBe(true);

  await page.getByRole("button", { name: "Show signing secret" }).click();
  await expect(secretBox).toHaveValue(second);
});
