import { expect } from "@playwright/test";
import { CreateWebhookForm } from "./create-webhook-form.mjs";
import { listPath, registryOf } from "./paths.mjs";
import { WebhookPage } from "./webhook-page.mjs";

/** Which registry a page object works on: the one given, the one open, or the default one ("/" opens it). */
export const resolveRegistry = async (page, registry) => {
  if (registry) return registry;
  const open = page.url().startsWith("http") ? registryOf(page.url()) : null;
  if (open) return open;
  await page.goto("/");
  await expect(page).toHaveURL(/\/registries\/[^/]+\/webhooks/);
  return registryOf(page.url());
};

/** The Webhooks blade: a registry's webhooks, filtered and paged 50 at a time. */
export class WebhooksBlade {
  constructor(page, { registry } = {}) {
    this.page = page;
    this.registry = registry ?? null;
    this.heading = page.getByRole("heading", { level: 1, name: /Webhooks/ });
    this.toolbar = page.getByRole("toolbar", { name: "Webhook commands" });
    this.addButton = this.toolbar.getByRole("button", { name: "Add" });
    this.refreshButton = this.toolbar.getByRole("button", { name: "Refresh" });
    this.searchBox = page.getByRole("searchbox", { name: "Search to filter webhooks" });
    this.table = page.getByRole("table", { name: "Webhooks" });
    // Data rows only: the header row has column headers, not cells.
    this.rows = this.table.getByRole("row").filter({ has: page.getByRole("cell") });
    this.links = this.table.getByRole("link");
    this.pager = page.getByRole("navigation", { name: "Webhooks pages" });
    this.previousButton = this.pager.getByRole("button", { name: "Previous" });
    this.nextButton = this.pager.getByRole("button", { name: "Next" });
  }

  /** Opens the blade (optionally filtered) and waits until its toolbar is live (hydrated). */
  async goto({ filter } = {}) {
    this.registry = await resolveRegistry(this.page, this.registry);
    const query = filter ? `?filter=${encodeURIComponent(filter)}` : "";
    await this.page.goto(`${listPath(this.registry)}${query}`);
    await this.waitUntilReady();
    return this;
  }

  async waitUntilReady() {
    await expect(this.refreshButton).toBeEnabled();
  }

  /** Add: opens the Create webhook form. */
  async add() {
    await this.addButton.click();
    const form = new CreateWebhookForm(this.page, { registry: this.registry ?? undefined });
    await form.waitUntilReady();
    return form;
  }

  async refresh() {
    await this.refreshButton.click();
  }

  /** Types into the search box; the portal filters on the server and puts the filter in the URL. */
  async filter(text) {
    await this.searchBox.fill(text);
    await expect(this.page).toHaveURL(text ? new RegExp(`[?&]filter=${encodeURIComponent(text)}(&|$)`) : /\/webhooks(\?(?!filter=)|$)/);
  }

  /** The row of the webhook with exactly this name. */
  row(name) {
    return this.rows.filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** The cells of a webhook's row: Name, Actions, Scope, Status, Last delivery, Success (24 h). */
  cellsOf(name) {
    return this.row(name).getByRole("cell");
  }

  /** Opens a webhook from its link in the table. */
  async open(name) {
    await this.table.getByRole("link", { name, exact: true }).click();
    const webhook = new WebhookPage(this.page, name, { registry: this.registry ?? undefined });
    await webhook.waitUntilReady();
    return webhook;
  }

  async nextPage() {
    await this.nextButton.click();
  }

  async previousPage() {
    await this.previousButton.click();
  }
}
