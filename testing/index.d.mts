// Types of registry-webhooks/testing (index.mjs). The roles and accessible names each page
// object relies on are listed in README.md ("Playwright kit for QA"): they are the contract.
import type {
  Browser,
  BrowserContext,
  Locator,
  Page,
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
  TestType,
} from "@playwright/test";
import type { IncomingHttpHeaders } from "node:http";

export { expect } from "@playwright/test";

export type Credentials = { email: string; password: string };
export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Signs in through the portal's sign-in page and waits to leave it. */
export declare function signIn(page: Page, credentials: Credentials, baseUrl?: string): Promise<void>;
/** Signs in in a browser context of its own and returns its storage state. */
export declare function signedInState(browser: Browser, credentials: Credentials, baseUrl?: string): Promise<StorageState>;

export type ReceivedRequest = {
  method: string;
  /** The path and query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  status: number;
  /** Date.now() when the request's body had arrived. */
  receivedAt: number;
};

/**
 * A loopback HTTP server that records every request. It answers by path: /status/<code>,
 * /slow (never), /delay/<ms>/..., /big (100 KiB), /flaky/<n>/... (503 n times, then 200),
 * /gate/... (503 until openGate()), anything else 200 {"received":true}.
 */
export type RecordingReceiver = {
  /** The receiver's URL for a path (with query), e.g. url("/hook?source=qa"). */
  url: (path: string) => string;
  /** Every request so far, oldest first. */
  requests: ReceivedRequest[];
  /** The requests to exactly this path (with query). */
  requestsTo: (path: string) => ReceivedRequest[];
  /** From now on, /gate/... answers 200. */
  openGate: () => void;
  close: () => Promise<void>;
};
/** Starts a recording receiver on a free port of 127.0.0.1 (or `host`). */
export declare function startReceiver(options?: { host?: string }): Promise<RecordingReceiver>;

/** The list blade's path and a webhook page's path. */
export declare function listPath(registry: string): string;
export declare function webhookPath(registry: string, name: string): string;
/** A webhook name no other test uses: lowercase letters and digits, 5 to 50 of them. */
export declare function uniqueWebhookName(prefix?: string): string;

type RegistryOption = {
  /** The registry; by default the one open in the page, or else the portal's default one ("/" opens it). */
  registry?: string;
};

export type WebhookAction = "Push" | "Delete";
/** The Payload format options, by label. */
export type PayloadFormatLabel = "ACR (default)" | "CloudEvents 1.0" | "Chat message (Slack, Mattermost)";
export type WebhookFields = {
  name?: string;
  serviceUri?: string;
  /** One header per line, "Key: value". */
  customHeaders?: string;
  /** Exactly the trigger actions to check. */
  actions?: WebhookAction[];
  /** The Status switch. */
  isEnabled?: boolean;
  scope?: string;
  payloadFormat?: PayloadFormatLabel;
};
export type FieldLabel = "Webhook name" | "Service URI" | "Custom headers" | "Trigger actions" | "Scope" | "Payload format";

/** The Webhooks blade: a registry's webhooks, filtered and paged 50 at a time. */
export declare class WebhooksBlade {
  constructor(page: Page, options?: RegistryOption);
  readonly page: Page;
  /** Known after goto() when not given. */
  registry: string | null;
  readonly heading: Locator;
  readonly toolbar: Locator;
  readonly addButton: Locator;
  readonly refreshButton: Locator;
  readonly searchBox: Locator;
  readonly table: Locator;
  /** The data rows (not the header row). */
  readonly rows: Locator;
  /** The webhook names' links. */
  readonly links: Locator;
  readonly pager: Locator;
  readonly previousButton: Locator;
  readonly nextButton: Locator;
  goto(options?: { filter?: string }): Promise<this>;
  waitUntilReady(): Promise<void>;
  add(): Promise<CreateWebhookForm>;
  refresh(): Promise<void>;
  /** Types into "Search to filter webhooks" and waits for the filter to reach the URL. */
  filter(text: string): Promise<void>;
  row(name: string): Locator;
  /** Name, Actions, Scope, Status, Last delivery, Success (24 h). */
  cellsOf(name: string): Locator;
  open(name: string): Promise<WebhookPage>;
  nextPage(): Promise<void>;
  previousPage(): Promise<void>;
}

/** The webhook form: Create webhook (mode "create") or Configure (mode "configure"). */
export declare class CreateWebhookForm {
  constructor(page: Page, options?: RegistryOption & { mode?: "create" | "configure"; name?: string });
  readonly page: Page;
  registry: string | null;
  readonly mode: "create" | "configure";
  readonly heading: Locator;
  readonly nameBox: Locator;
  readonly serviceUriBox: Locator;
  readonly customHeadersBox: Locator;
  readonly actionsGroup: Locator;
  readonly statusSwitch: Locator;
  readonly scopeBox: Locator;
  readonly payloadFormatSelect: Locator;
  /** Create, or Save in configure mode. */
  readonly submitButton: Locator;
  readonly alerts: Locator;
  actionCheckbox(action: WebhookAction): Locator;
  goto(): Promise<this>;
  waitUntilReady(): Promise<void>;
  fill(webhook: WebhookFields): Promise<void>;
  submit(): Promise<void>;
  /** Fills, submits and waits for the webhook's page. */
  create(webhook: WebhookFields & { name: string; serviceUri: string }): Promise<WebhookPage>;
  /** Configure mode: fills the changes, clicks Save and waits for the webhook's page. */
  save(changes?: WebhookFields): Promise<WebhookPage>;
  field(label: FieldLabel): Locator;
  expectFieldError(label: FieldLabel, message: string | RegExp): Promise<void>;
  expectFieldValid(label: FieldLabel): Promise<void>;
}

/** A webhook's page: its commands, its Essentials and its events. */
export declare class WebhookPage {
  constructor(page: Page, name: string, options?: RegistryOption);
  readonly page: Page;
  readonly name: string;
  registry: string | null;
  readonly heading: Locator;
  readonly toolbar: Locator;
  readonly pingButton: Locator;
  readonly refreshButton: Locator;
  readonly configureButton: Locator;
  /** Opens a menu of "Sample push" and "Sample delete" (an item is disabled when the webhook lacks its action). */
  readonly sendSampleButton: Locator;
  readonly redeliverFailedButton: Locator;
  readonly deleteButton: Locator;
  readonly enableButton: Locator;
  /** The outcome of Ping, Redeliver and Enable: the page's status message (a dialog open over it may have its own). */
  readonly notice: Locator;
  readonly essentials: Locator;
  readonly events: EventsTable;
  readonly deleteDialog: Locator;
  goto(): Promise<this>;
  waitUntilOpen(): Promise<void>;
  waitUntilReady(): Promise<void>;
  /** Returns the notice: "Ping sent: 200 OK", "Ping sent: Connection refused", or why it was not sent. */
  ping(): Promise<string>;
  /** Send sample → "Sample push" or "Sample delete"; returns the notice ("Sample push sent: 200 OK", or why not). */
  sendSample(action: "push" | "delete"): Promise<string>;
  noticeAfter(command: () => Promise<unknown>): Promise<string>;
  refresh(): Promise<void>;
  configure(): Promise<CreateWebhookForm>;
  delete(options?: { confirm?: boolean }): Promise<void>;
  enable(): Promise<string>;
  openRedeliverFailed(): Promise<Locator>;
  essential(term: "Service URI" | "Actions" | "Scope" | "Status" | "Payload format" | "Custom headers" | "Created"): Promise<string>;
}

export type EventColumn = "Result" | "ID" | "Action" | "Image" | "HTTP status" | "State" | "Timestamp";
export declare const EVENT_COLUMNS: readonly EventColumn[];

/** A webhook's Events table, its pager and the selected event's details. */
export declare class EventsTable {
  constructor(page: Page);
  readonly page: Page;
  readonly table: Locator;
  /** The data rows, newest first (not the header row). */
  readonly rows: Locator;
  readonly pager: Locator;
  readonly newerButton: Locator;
  readonly olderButton: Locator;
  /** The selected event's details ("Event <id>"). */
  readonly details: Locator;
  readonly redeliverButton: Locator;
  readonly requestTab: Locator;
  readonly responseTab: Locator;
  readonly requestPanel: Locator;
  readonly responsePanel: Locator;
  readonly requestBody: Locator;
  readonly responseBody: Locator;
  readonly attempts: Locator;
  readonly newest: Locator;
  row(id: string): Locator;
  cell(row: Locator, column: EventColumn): Locator;
  httpStatus(row: Locator): Locator;
  state(row: Locator): Locator;
  select(row?: Locator): Promise<void>;
  showRequest(): Promise<Locator>;
  showResponse(): Promise<Locator>;
  redeliver(): Promise<void>;
  newer(): Promise<void>;
  older(): Promise<void>;
}

/** Options a QA team sets in playwright.config.ts `use` (or test.use). */
export type KitOptions = {
  /** Sign in with these (once per worker) through the real sign-in page; unset: storageState as configured. */
  credentials: Credentials | undefined;
  /** The registry the page-object fixtures open; unset: the portal's default registry. */
  registryName: string | undefined;
};
export type KitFixtures = {
  /** A recording receiver, started for the test and closed after it. */
  receiver: RecordingReceiver;
  /** The signed-in storage state when `credentials` are set. */
  signedInState: StorageState | undefined;
  webhooksBlade: WebhooksBlade;
  createWebhookForm: CreateWebhookForm;
};

export declare const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & KitOptions & KitFixtures,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions
>;
