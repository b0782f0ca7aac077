import { hashToken } from "../lib/security/token-hash";
import { expect, gotoBlade, notificationsUrl, test } from "./fixtures";
import { ENVELOPE_TYPE } from "./support/distribution-events";
import { E2E_BASE_URL } from "./support/settings";

const postEmptyEnvelope = (request: import("@playwright/test").APIRequestContext, registry: string, token: string) =>
  request.post(notificationsUrl(registry), {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE },
    data: JSON.stringify({ events: [] }),
  });

test.describe("Registries", () => {
  test("Add registry shows its token and config once; Regenerate replaces the token", async ({ page, request, db, uniqueName }) => {
    const name = uniqueName("addreg");
    await page.goto("/registries");
    await expect(page.getByRole("heading", { level: 1, name: "Registries" })).toBeVisible();
    await page.getByRole("button", { name: "Add registry" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add registry" })).toBeVisible();
    const submit = page.getByRole("button", { name: "Add registry" });
    await expect(submit).toBeEnabled();

    await submit.click();
    await expect(page.getByText("Enter a registry name.")).toBeVisible();
    await page.getByLabel("Registry name").fill(name);
    await page.getByLabel("Host").fill("https://registry.example.com");
    await page.getByLabel("Host").blur();
    await expect(page.getByText(/without http:\/\/ or https:\/\//)).toBeVisible();
    await expect(page.getByLabel("Host")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Host").fill("registry.example.com:5000");
    await submit.click();

    await expect(page.getByRole("status")).toContainText(`Registry ${name} added`);
    const token = await page.getByLabel("Notifications token").inputValue();
    expect(token).toMatch(/^rwn_/);
    const yaml = await page.getByLabel(/Distribution config/).inputValue();
    expect(yaml).toContain(`url: ${E2E_BASE_URL}/api/registries/${name}/notifications`);
    expect(yaml).toContain(`Authorization: [Bearer ${token}]`);
    const stored = await db.registry.findUniqueOrThrow({ where: { name } });
    expect(stored).toMatchObject({ host: "registry.example.com:5000", tokenHash: hashToken(token) });
    expect((await postEmptyEnvelope(request, name, token)).status()).toBe(200);

    // The token is not shown again; Regenerate issues a new one and the old one stops working.
    await gotoBlade(page, "/registries");
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("A token is set.")).toBeVisible();
    expect(await page.content()).not.toContain(token);
    await page.getByRole("button", { name: "Regenerate token" }).click();
    const fresh = await page.getByLabel("Notifications token").inputValue();
    expect(fresh).not.toBe(token);
    expect((await postEmptyEnvelope(request, name, token)).status()).toBe(401);
    expect((await postEmptyEnvelope(request, name, fresh)).status()).toBe(200);
  });

  test("a registry name already in use is refused", async ({ page, db, uniqueName }) => {
    const name = uniqueName("takenreg");
    await db.registry.create({ data: { name } });
    await page.goto("/registries/new");
    await expect(page.getByRole("button", { name: "Add registry" })).toBeEnabled();
    await page.getByLabel("Registry name").fill(name);
    await page.getByLabel("Host").fill("127.0.0.1:5000");
    await page.getByRole("button", { name: "Add registry" }).click();
    await expect(page.getByText(`A registry named "${name}" already exists.`)).toBeVisible();
    expect(await db.registry.count({ where: { name } })).toBe(1);
  });
});
