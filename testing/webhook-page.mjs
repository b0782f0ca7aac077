import { expect } from "@playwright/test";
import { CreateWebhookForm } from "./create-webhook-form.mjs";
import { EventsTable } from "./events-table.mjs";
import { webhookPath } from "./paths.mjs";
import { resolveRegistry } from "./webhooks-blade.mjs";

/** A webhook's page: its commands, its Essentials and its events. */
export class WebhookPage {
  constructor(page, name, { registry } = {}) {
    this.page = page;
    this.name = name;
    this.registry = registry ?? null;
    this.heading = page.getByRole("heading", { level: 1, name, exact: true });
    this.toolbar = page.getByRole("toolbar", { name: "Webhook commands" });
    this.pingButton = this.toolbar.getByRole("button", { name: "Ping", exact: true });
    this.refreshButton = this.toolbar.getByRole("button", { name: "Refresh", exact: true });
    /** Opens a menu of "Sample push" and "Sample delete" (an item is disabled when the webhook lacks its action). */
    this.sendSampleButton = this.toolbar.getByRole("button", { name: "Send sample", exact: true });
    this.configureButton = this.toolbar.getByRole("button", { name: "Configure", exact: true });
    this.redeliverFailedButton = this.toolbar.getByRole("button", { name: "Redeliver failed events…", exact: true });
    this.deleteButton = this.toolbar.getByRole("button", { name: "Delete", exact: true });
    /** On the banner of a webhook the portal disabled because it kept failing. */
    this.enableButton = page.getByRole("button", { name: "Enable", exact: true });
    /** The outcome of Ping, Redeliver and Enable ("Ping sent: 200 OK"). */
    this.notice = page.getByRole("status");
    this.essentials = page.getByRole("region", { name: "Essentials" });
    this.events = new EventsTable(page);
  }

  /** Opens the page and waits until its toolbar is live (hydrated). */
  async goto() {
    this.registry = await resolveRegistry(this.page, this.registry);
    await this.page.goto(webhookPath(this.registry, this.name));
    await this.waitUntilReady();
    return this;
  }

  /** Waits for this webhook's heading and a live toolbar (after a navigation the page object did not start). */
  async waitUntilOpen() {
    await expect(this.page).toHaveURL(new RegExp(`/webhooks/${encodeURIComponent(this.name)}([?#]|$)`));
    await expect(this.heading).toBeVisible();
    await this.waitUntilReady();
    if (!this.registry) this.registry = await resolveRegistry(this.page, null);
  }

  async waitUntilReady() {
    await expect(this.refreshButton).toBeEnabled();
  }

  /** Ping: sends the test notification now and returns the notice ("Ping sent: 200 OK", or why not). */
  async ping() {
    return this.noticeAfter(() => this.pingButton.click());
  }

  /** Send sample → "Sample push" or "Sample delete"; returns the notice ("Sample push sent: 200 OK", or why not). */
  async sendSample(action) {
    const item = action === "delete" ? "Sample delete" : "Sample push";
    return this.noticeAfter(async () => {
      await this.sendSampleButton.click();
      await this.page.getByRole("menuitem", { name: item, exact: true }).click();
    });
  }

  /**
   * Runs a command and returns the notice it shows. The command first removes the previous
   * notice, so waiting for that one to leave the page is what makes the text read the new one.
   */
  async noticeAfter(command) {
    // A toolbar command waits for a closing dialog to be gone: until then its own status would
    // be taken for the page's notice, and the page is hidden from the accessibility tree.
    await expect(this.page.getByRole("dialog")).toHaveCount(0);
    // Bounded: a notice may leave the page between counting and taking it.
    const stale = (await this.notice.count()) > 0 ? await this.notice.first().elementHandle({ timeout: 1_000 }).catch(() => null) : null;
    await command();
    if (stale) await this.page.waitForFunction((element) => !element.isConnected, stale);
    await expect(this.notice).toBeVisible();
    return ((await this.notice.textContent()) ?? "").trim();
  }

  async refresh() {
    await this.refreshButton.click();
  }

  /** Configure: opens the prefilled form (Save returns here). */
  async configure() {
    await this.configureButton.click();
    const form = new CreateWebhookForm(this.page, { registry: this.registry ?? undefined, mode: "configure", name: this.name });
    await form.waitUntilReady();
    return form;
  }

  /** The "Delete webhook" dialog Delete opens. */
  get deleteDialog() {
    return this.page.getByRole("dialog", { name: "Delete webhook" });
  }

  /** Delete, confirmed in its dialog (or cancelled with `{ confirm: false }`). */
  async delete({ confirm = true } = {}) {
    await this.deleteButton.click();
    const dialog = this.deleteDialog;
    await dialog.getByRole("button", { name: confirm ? "Delete" : "Cancel", exact: true }).click();
    await expect(dialog).toBeHidden();
    if (confirm) await expect(this.page).toHaveURL(/\/webhooks(\?|$)/);
  }

  /** Enable, on the banner of a webhook that was disabled for failing; returns the notice. */
  async enable() {
    return this.noticeAfter(() => this.enableButton.click());
  }

  /** Opens "Redeliver failed events…" and returns its dialog. */
  async openRedeliverFailed() {
    await this.redeliverFailedButton.click();
    const dialog = this.page.getByRole("dialog", { name: "Redeliver failed events" });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /**
   * One Essentials value by its term: "Service URI", "Actions", "Scope", "Status",
   * "Payload format", "Custom headers", "Created".
   */
  async essential(term) {
    const terms = (await this.essentials.getByRole("term").allTextContents()).map((text) => text.trim());
    const index = terms.indexOf(term);
    if (index < 0) throw new Error(`Essentials has no "${term}" (it has ${terms.join(", ")}).`);
    return ((await this.essentials.getByRole("definition").nth(index).textContent()) ?? "").trim();
  }
}
