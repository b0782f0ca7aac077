"use client";

import { makeStyles, tokens } from "@fluentui/react-components";
import { memo } from "react";
import { PAYLOAD_FORMAT_LABELS } from "@/lib/webhooks/payload-format";
import type { WebhookView } from "@/lib/webhooks/types";
import { formatActions, formatScope, formatStatus, formatTimestamp } from "./format";

const useStyles = makeStyles({
  section: { margin: `${tokens.spacingVerticalM} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  grid: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalXS,
    margin: `0 0 ${tokens.spacingVerticalM}`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

/** Azure's "Essentials" panel: the webhook's settings at a glance. */
// Memoized: the detail page renders again once hydrated and on every notice; the webhook does not change then.
export const Essentials = memo(({ webhook }: { webhook: WebhookView }) => {
  const styles = useStyles();
  const items: [string, string][] = [
    ["Service URI", webhook.serviceUri],
    ["Actions", formatActions(webhook.actions)],
    ["Scope", formatScope(webhook.scope)],
    ["Status", formatStatus(webhook.status, webhook.disabledReason)],
    ["Payload format", PAYLOAD_FORMAT_LABELS[webhook.payloadFormat]],
    ["Custom headers", webhook.customHeaders.map(([name, value]) => `${name}: ${value}`).join(", ") || "None"],
    ["Created", formatTimestamp(webhook.createdAt)],
  ];
  return (
    <section aria-labelledby="essentials-heading" className={styles.section}>
      <h2 id="essentials-heading" className={styles.heading}>
        Essentials
      </h2>
      <dl className={styles.grid}>
        {items.map(([term, value]) => (
          <div key={term} style={{ display: "contents" }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});
Essentials.displayName = "Essentials";
