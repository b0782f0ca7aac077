"use client";

import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_STORED_BODY_BYTES } from "@/lib/delivery/body";
import { webhookKeys } from "@/lib/events/query-keys";
import type { EventDetail } from "@/lib/events/types";
import type { HeaderPair } from "@/lib/webhooks/headers";
import { eventsApiPath } from "@/lib/webhooks/paths";
import { fetchJson } from "./fetch-json";

const useStyles = makeStyles({
  panel: {
    marginTop: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  tabPanel: { paddingTop: tokens.spacingVerticalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  line: { margin: 0, fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  headers: { margin: 0, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  body: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: "420px",
    overflow: "auto",
    backgroundColor: tokens.colorNeutralBackground3,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  subheading: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

const prettyJson = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

const HeadersBlock = ({ headers }: { headers: HeaderPair[] }) => {
  const styles = useStyles();
  return (
    <pre className={styles.headers} aria-label="Headers">
      {headers.map(([name, value]) => `${name}: ${value}`).join("\n") || "(none)"}
    </pre>
  );
};

const BodyBlock = ({ body, isTruncated, label }: { body: string; isTruncated: boolean; label: string }) => {
  const styles = useStyles();
  return (
    <>
      <p className={styles.subheading}>Body</p>
      {isTruncated && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Truncated: only the first {MAX_STORED_BODY_BYTES / 1024} KiB of this body were stored.
          </MessageBarBody>
        </MessageBar>
      )}
      <pre className={styles.body} aria-label={label}>
        {body === "" ? "(empty)" : isTruncated ? body : prettyJson(body)}
      </pre>
    </>
  );
};

const RequestPanel = ({ event }: { event: EventDetail }) => {
  const styles = useStyles();
  return (
    <div role="tabpanel" aria-label="Request" className={styles.tabPanel}>
      <p className={styles.line}>
        {event.request.method} {event.request.uri}
      </p>
      <p className={styles.subheading}>Headers</p>
      <HeadersBlock headers={event.request.headers} />
      <BodyBlock body={event.request.body} isTruncated={event.request.isBodyTruncated} label="Request body" />
    </div>
  );
};

const ResponsePanel = ({ event }: { event: EventDetail }) => {
  const styles = useStyles();
  const duration = `Duration: ${event.durationMs} ms`;
  if (!event.response) {
    return (
      <div role="tabpanel" aria-label="Response" className={styles.tabPanel}>
        <p className={styles.line}>No response: {event.error ?? "unknown error"}</p>
        <p className={styles.line}>{duration}</p>
      </div>
    );
  }
  return (
    <div role="tabpanel" aria-label="Response" className={styles.tabPanel}>
      <p className={styles.line}>
        Status: {event.response.status} {event.response.reason}
      </p>
      <p className={styles.line}>{duration}</p>
      <p className={styles.subheading}>Headers</p>
      <HeadersBlock headers={event.response.headers} />
      <BodyBlock body={event.response.body} isTruncated={event.response.isBodyTruncated} label="Response body" />
    </div>
  );
};

type EventDetailsProps = { registry: string; webhook: string; eventId: string };

/** The selected event's Request and Response, as in the Azure blade's bottom pane. */
export const EventDetails = ({ registry, webhook, eventId }: EventDetailsProps) => {
  const styles = useStyles();
  const [tab, setTab] = useState<"request" | "response">("request");
  const query = useQuery({
    queryKey: webhookKeys.event(registry, webhook, eventId),
    queryFn: () => fetchJson<EventDetail>(`${eventsApiPath(registry, webhook)}/${encodeURIComponent(eventId)}`),
  });

  return (
    <section className={styles.panel} aria-labelledby="event-details-heading">
      <h2 id="event-details-heading" className={styles.heading}>
        Event {eventId}
      </h2>
      <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as "request" | "response")}>
        <Tab value="request">Request</Tab>
        <Tab value="response">Response</Tab>
      </TabList>
      {query.isPending && <Spinner size="tiny" label="Loading event..." />}
      {query.isError && (
        <MessageBar intent="error">
          <MessageBarBody>The event could not be loaded: {query.error.message}</MessageBarBody>
        </MessageBar>
      )}
      {query.data && (tab === "request" ? <RequestPanel event={query.data} /> : <ResponsePanel event={query.data} />)}
    </section>
  );
};
