import type { HeaderPair } from "./headers";
import type { PayloadFormat } from "./payload-format";
import type { WebhookAction, WebhookStatus } from "./schema";

/**
 * Why a disabled webhook is disabled: by an admin (Configure, the API), or by the system
 * because its deliveries kept failing (WEBHOOK_DISABLE_AFTER); null while enabled.
 */
export type DisabledReason = "admin" | "failing";

/** What the worker last recorded about a webhook's deliveries (the detail page's banner). */
export type WebhookHealth = {
  /** Failed deliveries in a row (each with its retries exhausted). */
  consecutiveFailures: number;
  /** The status column of the latest failed delivery, and when (ISO); null if none failed. */
  lastError: string;
  lastErrorAt: string | null;
  /** When it was disabled (ISO); null while enabled. */
  disabledAt: string | null;
};

/** A webhook as pages and components see it (dates as ISO strings, lists parsed, secrets masked). */
export type WebhookView = {
  name: string;
  /** Masked: user-info and query values as "******". */
  serviceUri: string;
  /** Masked: every value as "******". */
  customHeaders: HeaderPair[];
  actions: WebhookAction[];
  status: WebhookStatus;
  disabledReason: DisabledReason | null;
  health: WebhookHealth;
  scope: string;
  payloadFormat: PayloadFormat;
  createdAt: string;
  isSigned: boolean;
  /** Until when a rotated-out secret still signs; null when none does. */
  previousSecretExpiresAt: string | null;
};

export type WebhookListItem = Pick<WebhookView, "name" | "actions" | "scope" | "status" | "disabledReason" | "payloadFormat">;

/** What a mutating server action answers: where to go next, or what to fix. */
export type ActionResult =
  | { ok: true; href: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };
