import type { HeaderPair } from "./headers";
import type { PayloadFormat } from "./payload-format";
import type { WebhookAction, WebhookStatus } from "./schema";

/** A webhook as pages and components see it (dates as ISO strings, lists parsed, secrets masked). */
export type WebhookView = {
  name: string;
  /** Masked: user-info and query values as "******". */
  serviceUri: string;
  /** Masked: every value as "******". */
  customHeaders: HeaderPair[];
  actions: WebhookAction[];
  status: WebhookStatus;
  scope: string;
  payloadFormat: PayloadFormat;
  createdAt: string;
  isSigned: boolean;
  /** Until when a rotated-out secret still signs; null when none does. */
  previousSecretExpiresAt: string | null;
};

export type WebhookListItem = Pick<WebhookView, "name" | "actions" | "scope" | "status" | "payloadFormat">;

/** What a mutating server action answers: where to go next, or what to fix. */
export type ActionResult =
  | { ok: true; href: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };
