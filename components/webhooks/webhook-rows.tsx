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
import type { WebhookListItem } from "@/lib/webhooks/types";
import { ResourceLink } from "../shell/resource-link";
import { formatActions, formatScope, formatStatus } from "./format";

const useStyles = makeStyles({
  disabled: { color: tokens.colorNeutralForeground3 },
});

type WebhookRowsProps = { registry: string; webhooks: WebhookListItem[] };

/**
 * The list's table. Memoized on the page the server sent, so a keystroke in the filter box
 * re-renders the box alone, not the rows.
 */
export const WebhookRows = memo(({ registry, webhooks }: WebhookRowsProps) => {
  const styles = useStyles();
  return (
    <Table aria-label="Webhooks" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Actions</TableHeaderCell>
          <TableHeaderCell>Scope</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
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
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
});
WebhookRows.displayName = "WebhookRows";
