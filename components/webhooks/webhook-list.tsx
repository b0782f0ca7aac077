"use client";

import { Button, makeStyles, SearchBox, Text, ToolbarButton, tokens } from "@fluentui/react-components";
import { AddRegular, ArrowClockwiseRegular } from "@fluentui/react-icons";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { webhookListHref, type WebhookListParams } from "@/lib/webhooks/list-params";
import { newWebhookPath } from "@/lib/webhooks/paths";
import type { WebhookHealthSummary } from "@/lib/events/health-types";
import type { WebhookListItem } from "@/lib/webhooks/types";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { Toolbar } from "../shell/toolbar";
import { usePermissions } from "../auth/permissions";
import { WebhookRows } from "./webhook-rows";

const useStyles = makeStyles({
  search: { width: "320px", margin: `${tokens.spacingVerticalM} 0` },
  empty: { padding: tokens.spacingVerticalXL, color: tokens.colorNeutralForeground3 },
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
});

/** Long enough that a word typed at speed asks the server once, short enough to feel live. */
const FILTER_DEBOUNCE_MS = 250;

type WebhookListProps = {
  registry: string;
  /** One page, already filtered by the server. */
  webhooks: WebhookListItem[];
  /** The page's "Last delivery" and "Success (24 h)" columns, by webhook name. */
  health: Record<string, WebhookHealthSummary>;
  /** The filter the server applied (from the URL). */
  filter: string;
  isFirstPage: boolean;
  nextAfter: string | null;
  previousBefore: string | null;
};

export const WebhookList = ({ registry, webhooks, health, filter, isFirstPage, nextAfter, previousBefore }: WebhookListProps) => {
  const styles = useStyles();
  const router = useRouter();
  const pathname = usePathname();
  // What the box shows: the admin's keystrokes land here at once, never waiting for the server.
  const [typed, setTyped] = useState(filter);
  // The filter last sent to the server; the URL's filter changing to anything else (Back, a
  // link) is shown in the box, while the answer to our own request leaves later keystrokes be.
  const [requested, setRequested] = useState(filter);
  const [shownFilter, setShownFilter] = useState(filter);
  if (shownFilter !== filter) {
    setShownFilter(filter);
    if (filter !== requested) {
      setRequested(filter);
      setTyped(filter);
    }
  }
  const [isRefreshing, startRefresh] = useTransition();
  const [, startNavigation] = useTransition();
  const isHydrated = useIsHydrated();
  const { canManage } = usePermissions();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const go = (params: WebhookListParams, isReplace: boolean) => {
    const href = webhookListHref(pathname, params);
    startNavigation(() => (isReplace ? router.replace(href, { scroll: false }) : router.push(href)));
  };

  const onFilterChange = (value: string) => {
    setTyped(value);
    clearTimeout(timer.current);
    // A new filter starts again at the first page; replace, so Back leaves the list.
    timer.current = setTimeout(() => {
      const next = value.trim();
      if (next === requested) return;
      setRequested(next);
      go({ filter: next }, true);
    }, FILTER_DEBOUNCE_MS);
  };

  const isEmpty = webhooks.length === 0;
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
        value={typed}
        onChange={(_, data) => onFilterChange(data.value)}
      />
      <WebhookRows registry={registry} webhooks={webhooks} health={health} />
      {isEmpty && (
        <div className={styles.empty}>
          <Text>
            {filter
              ? `No webhooks match "${filter}".`
              : isFirstPage
                ? "No webhooks yet. Select Add to create one: it will POST to your service when images are pushed or deleted."
                : "No more webhooks."}
          </Text>
        </div>
      )}
      {(nextAfter !== null || previousBefore !== null) && (
        <nav aria-label="Webhooks pages" className={styles.pager}>
          <Button
            size="small"
            disabled={!isHydrated || previousBefore === null}
            onClick={() => previousBefore !== null && go({ filter, before: previousBefore }, false)}
          >
            Previous
          </Button>
          <Button
            size="small"
            disabled={!isHydrated || nextAfter === null}
            onClick={() => nextAfter !== null && go({ filter, after: nextAfter }, false)}
          >
            Next
          </Button>
        </nav>
      )}
    </>
  );
};
