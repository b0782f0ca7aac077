"use client";

import {
  makeStyles,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  ToolbarButton,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, ArrowClockwiseRegular } from "@fluentui/react-icons";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { newWebhookPath, webhookPath } from "@/lib/webhooks/paths";
import type { WebhookListItem } from "@/lib/webhooks/types";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ResourceLink } from "../shell/resource-link";
import { Toolbar } from "../shell/toolbar";
import { formatActions, formatScope, formatStatus } from "./format";
import { usePermissions } from "../auth/permissions";

const useStyles = makeStyles({
  search: { width: "320px", margin: `${tokens.spacingVerticalM} 0` },
  empty: { padding: tokens.spacingVerticalXL, color: tokens.colorNeutralForeground3 },
  disabled: { color: tokens.colorNeutralForeground3 },
});

type WebhookListProps = { registry: string; webhooks: WebhookListItem[] };

export const WebhookList = ({ registry, webhooks }: WebhookListProps) => {
  const styles = useStyles();
  const router = useRouter();
  const [filter, setFilter] = useState("");
  const [isRefreshing, startRefresh] = useTransition();
  const isHydrated = useIsHydrated();
  const { canManage } = usePermissions();
  const needle = filter.trim().toLowerCase();
  const visible = needle ? webhooks.filter((webhook) => webhook.name.includes(needle)) : webhooks;

  return (
    <>
      <Toolbar aria-label="Webhook commands">
        {canManage && (
          <ToolbarButton icon={<AddRegular />} disabled={!isHydrated} onClick={() => router.push(newWebhookPath(registry))}>
            Add
          </ToolbarButton>
        )}
        <ToolbarButton
          icon={<ArrowClockwiseRegular />}
          disabled={isRefreshing || !isHydrated}
          onClick={() => startRefresh(() => router.refresh())}
        >
          Refresh
        </ToolbarButton>
      </Toolbar>
      <SearchBox
        className={styles.search}
        aria-label="Search to filter webhooks"
        placeholder="Search to filter webhooks..."
        value={filter}
        onChange={(_, data) => setFilter(data.value)}
      />
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
          {visible.map((webhook) => (
            <TableRow key={webhook.name}>
              <TableCell>
                <ResourceLink href={webhookPath(registry, webhook.name)}>{webhook.name}</ResourceLink>
              </TableCell>
              <TableCell>{formatActions(webhook.actions)}</TableCell>
              <TableCell>{formatScope(webhook.scope)}</TableCell>
              <TableCell className={webhook.status === "disabled" ? styles.disabled : undefined}>
                {formatStatus(webhook.status)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {visible.length === 0 && (
        <div className={styles.empty}>
          <Text>
            {webhooks.length === 0
              ? "No webhooks yet. Select Add to create one: it will POST to your service when images are pushed or deleted."
              : `No webhooks match "${filter.trim()}".`}
          </Text>
        </div>
      )}
    </>
  );
};
