"use client";

import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { WebhookHealth } from "@/lib/webhooks/types";
import { formatTimestamp } from "./format";

type FailingBannerProps = {
  health: WebhookHealth;
  /** Offered only to those who may change the webhook. */
  canEnable: boolean;
  isBusy: boolean;
  onEnable: () => void;
};

/** Shown while the portal keeps a webhook disabled because its deliveries kept failing. */
export const FailingBanner = ({ health, canEnable, isBusy, onEnable }: FailingBannerProps) => (
  <MessageBar intent="error" layout="multiline" aria-label="Disabled (failing)">
    <MessageBarBody>
      <MessageBarTitle>Disabled (failing)</MessageBarTitle>
      The portal disabled this webhook{health.disabledAt ? ` on ${formatTimestamp(health.disabledAt)}` : ""} after{" "}
      {health.consecutiveFailures} failed deliveries in a row. Last error: {health.lastError || "unknown"}
      {health.lastErrorAt ? ` at ${formatTimestamp(health.lastErrorAt)}` : ""}. It gets no events until it is enabled;
      Ping still works.
    </MessageBarBody>
    {canEnable && (
      <MessageBarActions>
        <Button appearance="primary" disabled={isBusy} onClick={onEnable}>
          Enable
        </Button>
      </MessageBarActions>
    )}
  </MessageBar>
);
