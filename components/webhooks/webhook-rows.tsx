"use client";

import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { memo } from "react";
import { webhookPath } from "@/lib/webhooks/paths";
import { formatSuccessRate, OUTCOME_LABELS } from "@/lib/events/health-format";
import type { WebhookHealthSummary } from "@/lib/events/health-types";
import type { WebhookListItem } from "@/lib/webhooks/types";
import { ResourceLink } from "../shell/resource-link";
import { formatActions, formatScope, formatStatus, formatTimestamp } from "./format";

const useStyles = makeStyles({
  disabled: { color: tokens.colorNeutralForeground3 },
});

type WebhookRowsProps = { registry: string; webhooks: WebhookListItem[]; health: Record<string, WebhookHealthSummary> };

const NO_HEALTH: WebhookHealthSummary = { lastAttempt: null, attempts: 0, delivered: 0 };

/** "2026-12-03 11:04:05 UTC · Delivered (200 OK)", or "—" before the first attempt. */
const lastDeliveryText = ({ lastAttempt }: WebhookHealthSummary) =>
  lastAttempt ? `${formatTimestamp(lastAttempt.at)} · ${OUTCOME_LABELS[lastAttempt.outcome]} (${lastAttempt.httpStatus})` : "—";

/**
 * The list's table. Memoized on the page the server sent, so a keystroke in the filter box
 * re-renders the box alone, not the rows.
 */
export const WebhookRows = memo(({ registry, webhooks, health }: WebhookRowsProps) => {
  const styles = useStyles();
  return (
    <Table aria-label="Webhooks" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Actions</TableHeaderCell>
          <TableHeaderCell>Scope</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Last delivery</TableHeaderCell>
          <TableHeaderCell>Success (24 h)</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {webhooks.map((webhook) => (
          <TableRow key={webhook.name}>
            <TableCell>
              <ResourceLink href={webhookPath(registry, webhook.name)} prefetch={false}>{webhook.name}</ResourceLink>
            </TableCell>
            <TableCell>{formatActions(webhook.actions)}</TableCell>
            <TableCell>{formatScope(webhook.scope)}</TableCell>
            <TableCell className={webhook.status === "disabled" ? styles.disabled : undefined}>{formatStatus(webhook.status, webhook.disabledReason)}</TableCell>
            <TableCell>{lastDeliveryText(health[webhook.name] ?? NO_HEALTH)}</TableCell>
            <TableCell>{formatSuccessRate(health[webhook.name] ?? NO_HEALTH)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
});
WebhookRows.displayName = "WebhookRows";
