import { expect } from "@playwright/test";
import { listPath, literally, webhookPath } from "./paths.mjs";
import { resolveRegistry } from "./webhooks-blade.mjs";
import { WebhookPage } from "./webhook-page.mjs";

const ACTIONS = ["Push", "Delete"];

/**
 * The webhook form: "Create webhook" (Add) or, with mode "configure", the same form prefilled
 * by Configure. Every field is found by its label; errors by the field's accessible description.
 */
export class CreateWebhookForm {
  constructor(page, { registry, mode = "create", name } = {}) {
    this.page = page;
    this.registry = registry ?? null;
    this.mode = mode;
    this.webhookName = name ?? null;
    this.heading = page.getByRole("heading", { level: 1 });
    this.nameBox = page.getByRole("textbox", { name: "Webhook name" });
    this.serviceUriBox = page.getByRole("textbox", { name: "Service URI" });
    this.customHeadersBox = page.getByRole("textbox", { name: "Custom headers" });
    this.actionsGroup = page.getByRole("group", { name: "Trigger actions" });
    this.statusSwitch = page.getByRole("switch", { name: "Status" });
    this.scopeBox = page.getByRole("textbox", { name: "Scope" });
    this.payloadFormatSelect = page.getByRole("combobox", { name: "Payload format" });
    this.submitButton = page.getByRole("button", { name: mode === "create" ? "Create" : "Save", exact: true });
    /** Messages that concern the whole form or the trigger actions. */
    this.alerts = page.getByRole("alert");
  }

  /** The checkbox of a trigger action: "Push" or "Delete". */
  actionCheckbox(action) {
    return this.page.getByRole("checkbox", { name: action, exact: true });
  }

  /** Opens the form directly and waits until React has hydrated it (its submit button turns enabled). */
  async goto() {
    this.registry = await resolveRegistry(this.page, this.registry);
    const path = this.mode === "create" ? `${listPath(this.registry)}/new` : `${webhookPath(this.registry, this.webhookName)}/configure`;
    await this.page.goto(path);
    await this.waitUntilReady();
    return this;
  }

  async waitUntilReady() {
    await expect(this.submitButton).toBeEnabled();
  }

  /** Fills the fields given; fields left out keep what the form has. */
  async fill(webhook) {
    if (webhook.name !== undefined) await this.nameBox.fill(webhook.name);
    if (webhook.serviceUri !== undefined) await this.serviceUriBox.fill(webhook.serviceUri);
    if (webhook.customHeaders !== undefined) await this.customHeadersBox.fill(webhook.customHeaders);
    if (webhook.actions !== undefined) {
      for (const action of ACTIONS) await this.actionCheckbox(action).setChecked(webhook.actions.includes(action));
    }
    if (webhook.isEnabled !== undefined) await this.statusSwitch.setChecked(webhook.isEnabled);
    if (webhook.scope !== undefined) await this.scopeBox.fill(webhook.scope);
    if (webhook.payloadFormat !== undefined) await this.payloadFormatSelect.selectOption({ label: webhook.payloadFormat });
  }

  /** Clicks Create (or Save); stays on the form if a field is refused. */
  async submit() {
    await this.submitButton.click();
  }

  /** Fills, submits and waits for the webhook's page. */
  async create(webhook) {
    await this.fill(webhook);
    await this.submit();
    const name = webhook.name ?? this.webhookName;
    const opened = new WebhookPage(this.page, name, { registry: this.registry ?? undefined });
    await opened.waitUntilOpen();
    return opened;
  }

  /** Configure mode: fills, clicks Save and waits for the webhook's page. */
  async save(changes = {}) {
    return this.create(changes);
  }

  /** The field with this label ("Webhook name", "Service URI", "Custom headers", "Scope", "Payload format"). */
  field(label) {
    const fields = {
      "Webhook name": this.nameBox,
      "Service URI": this.serviceUriBox,
      "Custom headers": this.customHeadersBox,
      Scope: this.scopeBox,
      "Payload format": this.payloadFormatSelect,
      "Trigger actions": this.actionsGroup,
    };
    if (!fields[label]) throw new Error(`The webhook form has no field labelled "${label}".`);
    return fields[label];
  }

  /** Asserts that the field is marked invalid and that its error message (its description) says `message`. */
  async expectFieldError(label, message) {
    const field = this.field(label);
    // The trigger actions are a group of checkboxes: its description is the error.
    if (label !== "Trigger actions") await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(message instanceof RegExp ? message : literally(message));
  }

  /** Asserts that the field shows no error. */
  async expectFieldValid(label) {
    if (label === "Trigger actions") {
      await expect(this.actionsGroup).toHaveAccessibleDescription("");
    } else {
      await expect(this.field(label)).not.toHaveAttribute("aria-invalid", "true");
    }
  }
}
