"use client";

import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Toolbar,
  ToolbarButton,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwiseRegular, DeleteRegular, PlugConnectedRegular, SettingsRegular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { webhookKeys } from "@/lib/events/query-keys";
import type { EventPage } from "@/lib/events/types";
import { pingWebhook } from "@/lib/webhooks/actions";
import { configureWebhookPath } from "@/lib/webhooks/paths";
import type { WebhookView } from "@/lib/webhooks/types";
import { EventDetails } from "../events/event-details";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { EventsTable } from "../events/events-table";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { Essentials } from "./essentials";

const useStyles = makeStyles({
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
});

type Notice = { intent: "success" | "warning" | "error"; text: string };

type WebhookDetailProps = { registry: string; webhook: WebhookView; initialEvents: EventPage };

export const WebhookDetail = ({ registry, webhook, initialEvents }: WebhookDetailProps) => {
  const styles = useStyles();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isPinging, setIsPinging] = useState(false);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const [isRefreshing, startRefresh] = useTransition();
  const isHydrated = useIsHydrated();
  const [page, setPage] = useState(1);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const refreshEvents = () => queryClient.invalidateQueries({ queryKey: webhookKeys.events(registry, webhook.name) });

  const onPing = async () => {
    setIsPinging(true);
    setNotice(null);
    try {
      const result = await pingWebhook(registry, webhook.name);
      if (result.ok) {
        setNotice({ intent: result.isSuccess ? "success" : "warning", text: `Ping sent: ${result.httpStatus}` });
        setPage(1);
        setSelectedId(result.eventId);
        await refreshEvents();
      } else {
        setNotice({ intent: "error", text: result.message });
      }
    } catch {
      setNotice({ intent: "error", text: "The ping could not be sent because of an unexpected error. Try again." });
    } finally {
      setIsPinging(false);
    }
  };

  const onRefresh = () => {
    setNotice(null);
    startRefresh(() => router.refresh());
    void refreshEvents();
  };

  return (
    <>
      <Toolbar aria-label="Webhook commands">
        <ToolbarButton icon={<PlugConnectedRegular />} disabled={isPinging || !isHydrated} onClick={onPing}>
          Ping
        </ToolbarButton>
        <ToolbarButton icon={<ArrowClockwiseRegular />} disabled={isRefreshing || !isHydrated} onClick={onRefresh}>
          Refresh
        </ToolbarButton>
        <ToolbarButton
          icon={<SettingsRegular />}
          disabled={!isHydrated}
          onClick={() => router.push(configureWebhookPath(registry, webhook.name))}
        >
          Configure
        </ToolbarButton>
        <ToolbarButton icon={<DeleteRegular />} disabled={!isHydrated} onClick={() => setIsDeleteOpen(true)}>
          Delete
        </ToolbarButton>
      </Toolbar>
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Essentials webhook={webhook} />
      <h2 className={styles.heading}>Events</h2>
      <EventsTable
        registry={registry}
        webhook={webhook.name}
        page={page}
        initialPage={initialEvents}
        selectedId={selectedId}
        onPageChange={setPage}
        onSelect={setSelectedId}
      />
      {selectedId && <EventDetails key={selectedId} registry={registry} webhook={webhook.name} eventId={selectedId} />}
      <DeleteWebhookDialog
        registry={registry}
        webhook={webhook.name}
        isOpen={isDeleteOpen}
        onClose={() => setIsDeleteOpen(false)}
      />
    </>
  );
};
