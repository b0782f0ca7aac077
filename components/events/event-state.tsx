"use client";

import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { CheckmarkCircleFilled, ClockRegular, ErrorCircleFilled } from "@fluentui/react-icons";
import type { EventRow } from "@/lib/events/types";
import { formatTimestamp } from "../webhooks/format";

const useStyles = makeStyles({
  icon: { verticalAlign: "middle", fontSize: "16px" },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  pending: { color: tokens.colorPaletteMarigoldForeground1 },
});

/** "Delivered", "Failed", "Retrying at …" or "Pending": where an event's delivery stands. */
export const stateText = (event: Pick<EventRow, "state" | "nextAttemptAt" | "attemptCount">) => {
  if (event.state === "delivered") return "Delivered";
  if (event.state === "failed") return "Failed";
  if (event.attemptCount === 0 || !event.nextAttemptAt) return "Pending";
  return `Retrying at ${formatTimestamp(event.nextAttemptAt)}`;
};

export const StateIcon = ({ state }: { state: EventRow["state"] }) => {
  const styles = useStyles();
  if (state === "delivered") return <CheckmarkCircleFilled className={mergeClasses(styles.icon, styles.ok)} aria-label="Delivered" />;
  if (state === "failed") return <ErrorCircleFilled className={mergeClasses(styles.icon, styles.failed)} aria-label="Failed" />;
  return <ClockRegular className={mergeClasses(styles.icon, styles.pending)} aria-label="Pending" />;
};
