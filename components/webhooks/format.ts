import type { WebhookAction, WebhookStatus } from "@/lib/webhooks/schema";
import type { DisabledReason } from "@/lib/webhooks/types";

export const formatActions = (actions: readonly WebhookAction[]) => actions.join(", ");
/** "Disabled (failing)" when the portal disabled it because its deliveries kept failing. */
export const formatStatus = (status: WebhookStatus, reason: DisabledReason | null = null) =>
  status === "enabled" ? "Enabled" : reason === "failing" ? "Disabled (failing)" : "Disabled";
/** An empty scope covers the whole registry; say so rather than show a blank cell. */
export const formatScope = (scope: string) => scope || "All repositories";

/** UTC, so server-rendered and hydrated text agree whatever the browser's time zone. */
export const formatTimestamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
