"use client";

import {
  Button,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { memo, useEffect } from "react";
import { webhookKeys } from "@/lib/events/query-keys";
import type { EventPage, EventRow } from "@/lib/events/types";
import { eventsApiPath } from "@/lib/webhooks/paths";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { formatTimestamp } from "../webhooks/format";
import { StateIcon, stateText } from "./event-state";
import { fetchJson } from "./fetch-json";
import { ErrorMessage } from "../shell/error-message";

const useStyles = makeStyles({
  row: { cursor: "pointer" },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  idButton: { fontFamily: tokens.fontFamilyMonospace, padding: 0, minWidth: 0, fontWeight: tokens.fontWeightRegular },
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground3 },
});

const PENDING_REFRESH_MS = 2000;

/** Which page the table shows: the newest, or the one before or after an event's seq. */
export type EventsCursor = "newest" | `before:${number}` | `after:${number}`;

const queryOf = (cursor: EventsCursor) => (cursor === "newest" ? "" : `?${cursor.replace(":", "=")}`);

type EventsTableProps = {
  registry: string;
  webhook: string;
  cursor: EventsCursor;
  initialPage: EventPage;
  selectedId: string | null;
  onCursorChange: (cursor: EventsCursor) => void;
  onSelect: (eventId: string) => void;
};

type EventRowsProps = { rows: EventRow[]; selectedId: string | null; onSelect: (eventId: string) => void };

/**
 * The page's rows (25 rows of Fluent UI cells and buttons). Memoized: the detail page renders
 * again once hydrated (its buttons turn on) and on every notice; the rows render again only
 * when the page or the selection changes.
 */
const EventRows = memo(({ rows, selectedId, onSelect }: EventRowsProps) => {
  const styles = useStyles();
  return (
    <TableBody>
      {rows.map((event) => (
        <TableRow
          key={event.id}
          className={mergeClasses(styles.row, event.id === selectedId && styles.selected)}
          aria-selected={event.id === selectedId}
          onClick={() => onSelect(event.id)}
        >
          <TableCell>
            <StateIcon state={event.state} />
          </TableCell>
          <TableCell>
            <Button appearance="transparent" size="small" className={styles.idButton} onClick={() => onSelect(event.id)}>
              {event.id}
            </Button>
          </TableCell>
          <TableCell>{event.action}</TableCell>
          <TableCell>{event.image}</TableCell>
          <TableCell>{event.httpStatus}</TableCell>
          <TableCell>{stateText(event)}</TableCell>
          <TableCell>{formatTimestamp(event.timestamp)}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  );
});
EventRows.displayName = "EventRows";

export const EventsTable = (props: EventsTableProps) => {
  const { registry, webhook, cursor, initialPage, selectedId, onCursorChange, onSelect } = props;
  const styles = useStyles();
  const isHydrated = useIsHydrated();
  const query = useQuery({
    queryKey: webhookKeys.eventsPage(registry, webhook, cursor),
    queryFn: () => fetchJson<EventPage>(`${eventsApiPath(registry, webhook)}${queryOf(cursor)}`),
    initialData: cursor === "newest" ? initialPage : undefined,
    placeholderData: keepPreviousData,
    // While any event on the page is still being delivered, follow it without a reload.
    refetchInterval: (current) =>
      current.state.data?.rows.some((row) => row.state === "pending") ? PENDING_REFRESH_MS : false,
  });
  const data = query.data ?? initialPage;

  // "Newer" answered the newest page: from now on follow the newest events (a refresh of the
  // after-key would show the 25 just after it, and never the ones arriving).
  const queryClient = useQueryClient();
  const isNewestReached = cursor !== "newest" && query.data !== undefined && !query.isPlaceholderData && query.data.newer === null;
  useEffect(() => {
    if (!isNewestReached || !query.data) return;
    queryClient.setQueryData(webhookKeys.eventsPage(registry, webhook, "newest"), query.data);
    onCursorChange("newest");
  }, [isNewestReached, query.data, queryClient, registry, webhook, onCursorChange]);

  return (
    <>
      {query.isError && <ErrorMessage>Events could not be loaded: {query.error.message}</ErrorMessage>}
      <Table aria-label="Events" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: 32 }}>
              <span className="visually-hidden">Result</span>
            </TableHeaderCell>
            <TableHeaderCell>ID</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Image</TableHeaderCell>
            <TableHeaderCell>HTTP status</TableHeaderCell>
            <TableHeaderCell>State</TableHeaderCell>
            <TableHeaderCell>Timestamp</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <EventRows rows={data.rows} selectedId={selectedId} onSelect={onSelect} />
      </Table>
      {data.rows.length === 0 && cursor === "newest" && (
        <div className={styles.empty}>
          <Text>No events yet. Select Ping to send a test notification, or push an image.</Text>
        </div>
      )}
      {(data.newer !== null || data.older !== null) && (
        <nav aria-label="Events pages" className={styles.pager}>
          <Button
            size="small"
            disabled={!isHydrated || data.newer === null}
            onClick={() => data.newer !== null && onCursorChange(`after:${data.newer}`)}
          >
            Newer
          </Button>
          <Button
            size="small"
            disabled={!isHydrated || data.older === null}
            onClick={() => data.older !== null && onCursorChange(`before:${data.older}`)}
          >
            Older
          </Button>
        </nav>
      )}
    </>
  );
};
