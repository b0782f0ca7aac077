import { expect } from "@playwright/test";

/** The columns of the Events table, in order ("Result" is the state icon's column). */
export const EVENT_COLUMNS = ["Result", "ID", "Action", "Image", "HTTP status", "State", "Timestamp"];

/** A webhook's Events table (25 a page, newest first), its pager and the selected event's details. */
export class EventsTable {
  constructor(page) {
    this.page = page;
    this.table = page.getByRole("table", { name: "Events" });
    // Data rows only: the header row has column headers, not cells.
    this.rows = this.table.getByRole("row").filter({ has: page.getByRole("cell") });
    this.pager = page.getByRole("navigation", { name: "Events pages" });
    this.newerButton = this.pager.getByRole("button", { name: "Newer", exact: true });
    this.olderButton = this.pager.getByRole("button", { name: "Older", exact: true });
    this.details = page.getByRole("region", { name: /^Event / });
    this.redeliverButton = this.details.getByRole("button", { name: "Redeliver", exact: true });
    this.requestTab = page.getByRole("tab", { name: "Request", exact: true });
    this.responseTab = page.getByRole("tab", { name: "Response", exact: true });
    this.requestPanel = page.getByRole("tabpanel", { name: "Request", exact: true });
    this.responsePanel = page.getByRole("tabpanel", { name: "Response", exact: true });
    this.requestBody = this.requestPanel.getByLabel("Request body");
    this.responseBody = this.responsePanel.getByLabel("Response body");
    this.attempts = this.details.getByRole("table", { name: "Attempts" });
  }

  /** The newest event shown (the first data row). */
  get newest() {
    return this.rows.first();
  }

  /** The row of the event with this id. */
  row(id) {
    return this.rows.filter({ has: this.page.getByRole("button", { name: id, exact: true }) });
  }

  /** One cell of a row, by its column's name (see EVENT_COLUMNS). */
  cell(row, column) {
    const index = EVENT_COLUMNS.indexOf(column);
    if (index < 0) throw new Error(`The Events table has no "${column}" column.`);
    return row.getByRole("cell").nth(index);
  }

  /** A row's HTTP status ("200 OK", "Connection refused", ...). */
  httpStatus(row) {
    return this.cell(row, "HTTP status");
  }

  /** A row's state ("Delivered", "Failed", "Pending", ...). */
  state(row) {
    return this.cell(row, "State");
  }

  /** Selects an event (a row, or the newest) and waits for its details. */
  async select(row = this.newest) {
    await row.click();
    await expect(this.details).toBeVisible();
  }

  /** Shows the selected event's request tab and returns its panel. */
  async showRequest() {
    await this.requestTab.click();
    return this.requestPanel;
  }

  /** Shows the selected event's response tab and returns its panel. */
  async showResponse() {
    await this.responseTab.click();
    return this.responsePanel;
  }

  /** Redeliver, from the selected event's details. */
  async redeliver() {
    await this.redeliverButton.click();
  }

  async newer() {
    await this.newerButton.click();
  }

  async older() {
    await this.olderButton.click();
  }
}
