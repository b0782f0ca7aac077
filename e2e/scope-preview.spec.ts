import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { expect, gotoForm, seedRegistry, seedWebhook, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { skopeoCopy, startRegistry, type RunningRegistry } from "./support/distribution";
import { writeOciImageLayout } from "./support/oci-image";
import { closedPort } from "./support/receiver";

// The webhook forms' scope preview against a real CNCF Distribution registry on loopback:
// images pushed with skopeo, the registry's API address (and credentials) set on the registry
// page, then scopes typed into Create and Configure. The portal under test asks for two
// entries per page (REGISTRY_API_PAGE_SIZE=2 in playwright.config.ts), so five repositories
// are three catalog pages joined through the registry's Link headers.

const preview = (page: Page) => page.getByRole("status", { name: "Registry matches" });

const withRegistry = async (
  options: { htpasswd?: string },
  run: (registry: RunningRegistry, layout: string) => Promise<void>,
) => {
  const workDir = await mkdtemp(path.join(tmpdir(), "rw-scope-preview-"));
  // Notifications are not under test here: they go to a closed port and are dropped.
  const registry = await startRegistry({ notifyUrl: "http://127.0.0.1:9/none", token: "unused-token-0123456789", workDir, ...options });
  try {
    const layout = path.join(workDir, "layout");
    await writeOciImageLayout(layout, { tag: "v1" });
    await run(registry, layout);
  } finally {
    await registry.stop();
    await rm(workDir, { recursive: true, force: true });
  }
};

const setRegistryApi = async (page: Page, registry: string, values: { address: string; username?: string; password?: string }) => {
  await page.goto(`/registries/${registry}`);
  const form = page.getByRole("form", { name: "Registry API" });
  await expect(form.getByRole("button", { name: "Save registry API" })).toBeEnabled();
  await form.getByLabel("API address").fill(values.address);
  if (values.username !== undefined) await form.getByLabel("API username").fill(values.username);
  if (values.password !== undefined) await form.getByLabel("API password").fill(values.password);
  await form.getByRole("button", { name: "Save registry API" }).click();
  await expect(page.getByText("Registry API settings saved.")).toBeVisible();
};

const typeScope = async (page: Page, scope: string) => {
  await page.getByLabel("Scope").fill(scope);
};

test.describe("Scope preview", () => {
  test("Create and Configure show what a scope matches in the registry now, read across Link pages", async ({ page, db, uniqueName }) => {
    await withRegistry({}, async (distribution, layout) => {
      for (const reference of ["app:v1", "app:v2", "app:latest", "db:latest", "tools/cli:1.0", "web:v1", "zeta:latest"]) {
        await skopeoCopy(layout, "v1", distribution.host, reference);
      }
      const registry = uniqueName("preview");
      await seedRegistry(db, registry, `token-${registry}-0123456789`, distribution.host);
      await setRegistryApi(page, registry, { address: `http://${distribution.host}` });
      expect(await db.registry.findUniqueOrThrow({ where: { name: registry } })).toMatchObject({ apiAddress: `http://${distribution.host}`, apiUsername: "", apiPassword: "" });

      await gotoForm(page, `/registries/${registry}/webhooks/new`, "Create");
      // The empty scope is the whole registry: zeta is on the catalog's third page.
      await expect(preview(page)).toHaveText("Matches 5 repositories, 7 tags: app:latest, app:v1, app:v2, db:latest, tools/cli:1.0, web:v1, zeta:latest");
      await typeScope(page, "app:*");
      await expect(preview(page)).toHaveText("Matches 1 repository, 3 tags: app:latest, app:v1, app:v2");
      if (process.env.SCOPE_PREVIEW_SCREENSHOT) {
        // Tall enough for the whole form above the fixed footer.
        await page.setViewportSize({ width: 1100, height: 1080 });
        await page.screenshot({ path: process.env.SCOPE_PREVIEW_SCREENSHOT });
      }
      await expectNoSeriousViolations(page);
      await typeScope(page, "web:v1");
      await expect(preview(page)).toHaveText("Matches 1 repository, 1 tag: web:v1");
      // "web" is web:latest, which does not exist.
      await typeScope(page, "web");
      await expect(preview(page)).toHaveText("Matches no repository right now.");
      await typeScope(page, "tools/cli:*");
      await expect(preview(page)).toHaveText("Matches 1 repository, 1 tag: tools/cli:1.0");
      // An invalid scope asks nothing: the field says what is wrong.
      await typeScope(page, "App:*");
      await page.getByLabel("Scope").blur();
      await expect(page.getByText(/"App" is not a valid repository name/)).toBeVisible();
      await expect(preview(page)).toHaveText("");

      // The same answer through the REST API the form calls.
      const answer = await page.request.get(`/api/registries/${registry}/scope-preview?scope=${encodeURIComponent("app:*")}`);
      expect(answer.status()).toBe(200);
      expect(await answer.json()).toEqual({ repositories: 1, tags: 3, sample: ["app:latest", "app:v1", "app:v2"], unlisted: 0, truncated: false });
      const invalid = await page.request.get(`/api/registries/${registry}/scope-preview?scope=${encodeURIComponent("a b")}`);
      expect(invalid.status()).toBe(400);

      const hook = uniqueName("previewhook");
      await seedWebhook(db, { registry, name: hook, serviceUri: "http://127.0.0.1:9/hook", scope: "db" });
      await gotoForm(page, `/registries/${registry}/webhooks/${hook}/configure`, "Save");
      await expect(preview(page)).toHaveText("Matches 1 repository, 1 tag: db:latest");
      await typeScope(page, "");
      await expect(preview(page)).toHaveText(/^Matches 5 repositories, 7 tags: /);
      await typeScope(page, "zeta:*");
      await expect(preview(page)).toHaveText("Matches 1 repository, 1 tag: zeta:latest");
    });
  });

  test("a registry API that cannot be reached says so, and a registry without an address shows no preview", async ({ page, uniqueName }) => {
    const registry = uniqueName("unreach");
    const port = await closedPort();
    // Set from the Add registry form this time.
    await page.goto("/registries/new");
    await expect(page.getByRole("button", { name: "Add registry" })).toBeEnabled();
    await page.getByLabel("Registry name").fill(registry);
    await page.getByLabel("Host").fill(`127.0.0.1:${port}`);
    await page.getByLabel("API address").fill(`http://127.0.0.1:${port}`);
    await page.getByRole("button", { name: "Add registry" }).click();
    await expect(page.getByText(`Registry ${registry} added.`)).toBeVisible();

    await gotoForm(page, `/registries/${registry}/webhooks/new`, "Create");
    await typeScope(page, "app:*");
    await expect(preview(page)).toHaveText(`The registry API at http://127.0.0.1:${port} cannot be reached (connection refused or host not found).`);

    await setRegistryApi(page, registry, { address: "" });
    await gotoForm(page, `/registries/${registry}/webhooks/new`, "Create");
    await expect(preview(page)).toHaveCount(0);
    const answer = await page.request.get(`/api/registries/${registry}/scope-preview?scope=`);
    expect(answer.status()).toBe(409);
  });

  test("htpasswd credentials: wrong ones are named, right ones work, and the password is never shown", async ({ page, db, uniqueName }) => {
    const password = `pw-${uniqueName("secret")}`;
    const htpasswd = `ci:${bcrypt.hashSync(password, 8)}\n`;
    await withRegistry({ htpasswd }, async (distribution, layout) => {
      await skopeoCopy(layout, "v1", distribution.host, "secret/app:v1", `ci:${password}`);
      const registry = uniqueName("private");
      await seedRegistry(db, registry, `token-${registry}-0123456789`, distribution.host);

      await setRegistryApi(page, registry, { address: `http://${distribution.host}`, username: "ci", password: "not-the-password" });
      await gotoForm(page, `/registries/${registry}/webhooks/new`, "Create");
      await expect(preview(page)).toHaveText("The registry refused the username and password set on the registry page (401). Check them.");

      // Only the password changes: the username stays as it was saved.
      await setRegistryApi(page, registry, { address: `http://${distribution.host}`, password });
      await expect(page.getByLabel("API password")).toHaveValue("");
      await expect(page.getByText("A password is set; it is never shown.")).toBeVisible();
      const registryPage = await page.content();
      await gotoForm(page, `/registries/${registry}/webhooks/new`, "Create");
      await expect(preview(page)).toHaveText("Matches 1 repository, 1 tag: secret/app:v1");
      const createPage = await page.content();
      const answer = await page.request.get(`/api/registries/${registry}/scope-preview?scope=`);
      const answerText = await answer.text();
      expect(answer.status()).toBe(200);

      const row = await db.registry.findUniqueOrThrow({ where: { name: registry } });
      expect(row.apiUsername).toBe("ci");
      expect(row.apiPassword).toMatch(/^v1:/);
      for (const text of [registryPage, createPage, answerText, row.apiPassword]) expect(text).not.toContain(password);
      // Nor its ciphertext.
      for (const text of [registryPage, createPage, answerText]) expect(text).not.toContain(row.apiPassword);
    });
  });
});
