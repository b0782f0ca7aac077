"use client";

import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  ToolbarButton,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwiseRegular, ArrowRepeatAllRegular, DeleteRegular, PlugConnectedRegular, SettingsRegular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { webhookKeys } from "@/lib/events/query-keys";
import type { DeliveryHealth } from "@/lib/events/health-types";
import type { EventPage } from "@/lib/events/types";
import { pingWebhook, redeliverEvent, sendSampleEvent, type PingResult } from "@/lib/actions/webhooks";
import { enableWebhook } from "@/lib/actions/webhook-recovery";
import { configureWebhookPath } from "@/lib/webhooks/paths";
import type { SampleAction } from "@/lib/webhooks/sample-schema";
import type { WebhookView } from "@/lib/webhooks/types";
import { DeliveryHealthChart } from "../events/delivery-health-chart";
import { EventDetails } from "../events/event-details";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { useMountedOnceOpened } from "../hooks/use-mounted-once-opened";
import { EventsTable, type EventsCursor } from "../events/events-table";
import { Toolbar } from "../shell/toolbar";
import { CallbackConfig } from "./callback-config";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { Essentials } from "./essentials";
import { FailingBanner } from "./failing-banner";
import { RecoverDialog } from "./recover-dialog";
import { SendSampleMenu } from "./send-sample-menu";
import { SigningSecret } from "./signing-secret";
import { usePermissions } from "../auth/permissions";

const useStyles = makeStyles({
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
});

type Notice = { intent: "success" | "warning" | "error"; text: string };

type WebhookDetailProps = {
  registry: string;
  webhook: WebhookView;
  initialEvents: EventPage;
  /** The delivery chart's first 24 hours, rendered with the page. */
  initialHealth: DeliveryHealth;
  /** Why the outbound policy would refuse this webhook's service URI, if it would. */
  policyWarning: string | null;
};

export const WebhookDetail = ({ registry, webhook, initialEvents, initialHealth, policyWarning }: WebhookDetailProps) => {
  const styles = useStyles();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const [isRecoverOpen, setIsRecoverOpen] = useState(false);
  const isDeleteMounted = useMountedOnceOpened(isDeleteOpen);
  const isRecoverMounted = useMountedOnceOpened(isRecoverOpen);
  const [isEnabling, setIsEnabling] = useState(false);
  const [isRefreshing, startRefresh] = useTransition();
  const isHydrated = useIsHydrated();
  const { canManage, canRevealSecrets } = usePermissions();
  const [cursor, setCursor] = useState<EventsCursor>("newest");
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const refreshEvents = () => queryClient.invalidateQueries({ queryKey: webhookKeys.events(registry, webhook.name) });

  /** Ping, Send sample and Redeliver all send one attempt now and report it the same way. */
  const sendNow = async (verb: "Ping" | "Redeliver" | "Sample push" | "Sample delete", send: () => Promise<PingResult>) => {
    setIsSending(true);
    setNotice(null);
    try {
      const result = await send();
      if (result.ok) {
        setNotice({ intent: result.isSuccess ? "success" : "warning", text: `${verb} sent: ${result.httpStatus}` });
        setSelectedId(result.eventId);
        await refreshEvents();
        return result;
      }
      setNotice({ intent: "error", text: result.message });
    } catch {
      setNotice({ intent: "error", text: `${verb} could not be sent because of an unexpected error. Try again.` });
    } finally {
      setIsSending(false);
    }
    return null;
  };

  const onPing = async () => {
    if (await sendNow("Ping", () => pingWebhook(registry, webhook.name))) setCursor("newest");
  };

  const onSendSample = async (action: SampleAction) => {
    const verb = action === "push" ? "Sample push" : "Sample delete";
    if (await sendNow(verb, () => sendSampleEvent(registry, webhook.name, { action }))) setCursor("newest");
  };

  const onRedeliver = async (eventId: string) => {
    await sendNow("Redeliver", () => redeliverEvent(registry, webhook.name, eventId));
  };

  const onEnable = async () => {
    setIsEnabling(true);
    setNotice(null);
    try {
      const result = await enableWebhook(registry, webhook.name);
      if (result.ok) {
        setNotice({ intent: "success", text: "Enabled: the webhook gets events again." });
        startRefresh(() => router.refresh());
      } else {
        setNotice({ intent: "error", text: result.message });
      }
    } catch {
      setNotice({ intent: "error", text: "The webhook could not be enabled because of an unexpected error. Try again." });
    } finally {
      setIsEnabling(false);
    }
  };

  const onQueued = (count: number) => {
    setNotice({ intent: "success", text: `${count} failed ${count === 1 ? "event" : "events"} queued for redelivery.` });
    setCursor("newest");
    void refreshEvents();
  };

  const onRefresh = () => {
    setNotice(null);
    startRefresh(() => router.refresh());
    void refreshEvents();
  };

  return (
    <>
      <Toolbar aria-label="Webhook commands">
        {canManage && (
          <ToolbarButton icon={<PlugConnectedRegular />} disabled={isSending || !isHydrated} onClick={onPing}>
            Ping
          </ToolbarButton>
        )}
        <ToolbarButton icon={<ArrowClockwiseRegular />} disabled={isRefreshing || !isHydrated} onClick={onRefresh}>
          Refresh
        </ToolbarButton>
        {canManage && (
          <>
            <SendSampleMenu actions={webhook.actions} isBusy={isSending || !isHydrated} onSend={onSendSample} />
            <ToolbarButton
              icon={<SettingsRegular />}
              disabled={!isHydrated}
              onClick={() => router.push(configureWebhookPath(registry, webhook.name))}
            >
              Configure
            </ToolbarButton>
            <ToolbarButton icon={<ArrowRepeatAllRegular />} disabled={!isHydrated} onClick={() => setIsRecoverOpen(true)}>
              Redeliver failed events…
            </ToolbarButton>
            <ToolbarButton icon={<DeleteRegular />} disabled={!isHydrated} onClick={() => setIsDeleteOpen(true)}>
              Delete
            </ToolbarButton>
          </>
        )}
      </Toolbar>
      {webhook.disabledReason === "failing" && (
        <FailingBanner health={webhook.health} canEnable={canManage} isBusy={isEnabling || !isHydrated} onEnable={onEnable} />
      )}
      {policyWarning && (
        <MessageBar intent="warning">
          <MessageBarBody>Deliveries to this service URI will be refused: {policyWarning}.</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Essentials webhook={webhook} />
      {canRevealSecrets && <CallbackConfig registry={registry} webhook={webhook.name} />}
      {canRevealSecrets && <SigningSecret registry={registry} webhook={webhook} />}
      <DeliveryHealthChart registry={registry} webhook={webhook.name} initialHealth={initialHealth} />
      <h2 className={styles.heading}>Events</h2>
      <EventsTable
        registry={registry}
        webhook={webhook.name}
        cursor={cursor}
        initialPage={initialEvents}
        selectedId={selectedId}
        onCursorChange={setCursor}
        onSelect={setSelectedId}
      />
      {selectedId && (
        <EventDetails
          key={selectedId}
          registry={registry}
          webhook={webhook.name}
          eventId={selectedId}
          canRedeliver={canManage}
          onRedeliver={onRedeliver}
        />
      )}
      {isRecoverMounted && (
        <RecoverDialog
          registry={registry}
          webhook={webhook.name}
          isOpen={isRecoverOpen}
          onClose={() => setIsRecoverOpen(false)}
          onQueued={onQueued}
        />
      )}
      {isDeleteMounted && (
        <DeleteWebhookDialog
          registry={registry}
          webhook={webhook.name}
          isOpen={isDeleteOpen}
          onClose={() => setIsDeleteOpen(false)}
        />
      )}
    </>
  );
};
