"use client";

import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { SendRegular } from "@fluentui/react-icons";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_STORED_BODY_BYTES } from "@/lib/delivery/body";
import { webhookKeys } from "@/lib/events/query-keys";
import type { AttemptDetail, EventDetail } from "@/lib/events/types";
import type { HeaderPair } from "@/lib/webhooks/headers";
import { eventsApiPath } from "@/lib/webhooks/paths";
import { formatTimestamp } from "../webhooks/format";
import { stateText } from "./event-state";
import { fetchJson } from "./fetch-json";
import { ErrorMessage } from "../shell/error-message";
import { TabList } from "../shell/tab-list";

const useStyles = makeStyles({
  panel: {
    marginTop: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  titleRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalS },
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

const RequestPanel = ({ attempt }: { attempt: AttemptDetail }) => {
  const styles = useStyles();
  return (
    <div role="tabpanel" aria-label="Request" className={styles.tabPanel}>
      <p className={styles.line}>
        {attempt.request.method} {attempt.request.uri}
      </p>
      <p className={styles.subheading}>Headers</p>
      <HeadersBlock headers={attempt.request.headers} />
      <BodyBlock body={attempt.request.body} isTruncated={attempt.request.isBodyTruncated} label="Request body" />
    </div>
  );
};

const ResponsePanel = ({ attempt }: { attempt: AttemptDetail }) => {
  const styles = useStyles();
  const duration = `Duration: ${attempt.durationMs} ms`;
  if (!attempt.response) {
    return (
      <div role="tabpanel" aria-label="Response" className={styles.tabPanel}>
        <p className={styles.line}>No response: {attempt.error ?? "unknown error"}</p>
        <p className={styles.line}>{duration}</p>
      </div>
    );
  }
  return (
    <div role="tabpanel" aria-label="Response" className={styles.tabPanel}>
      <p className={styles.line}>
        Status: {attempt.response.status} {attempt.response.reason}
      </p>
      <p className={styles.line}>{duration}</p>
      <p className={styles.subheading}>Headers</p>
      <HeadersBlock headers={attempt.response.headers} />
      <BodyBlock body={attempt.response.body} isTruncated={attempt.response.isBodyTruncated} label="Response body" />
    </div>
  );
};

type EventDetailsProps = {
  registry: string;
  webhook: string;
  eventId: string;
  canRedeliver: boolean;
  onRedeliver: (eventId: string) => Promise<void>;
};

const AttemptsTable = ({ attempts, selected, onSelect }: { attempts: AttemptDetail[]; selected: number; onSelect: (n: number) => void }) => (
  <Table aria-label="Attempts" size="extra-small">
    <TableHeader>
      <TableRow>
        <TableHeaderCell>Attempt</TableHeaderCell>
        <TableHeaderCell>HTTP status</TableHeaderCell>
        <TableHeaderCell>Timestamp</TableHeaderCell>
        <TableHeaderCell>Duration</TableHeaderCell>
      </TableRow>
    </TableHeader>
    <TableBody>
      {attempts.map((attempt) => (
        <TableRow key={attempt.number} aria-selected={attempt.number === selected} onClick={() => onSelect(attempt.number)}>
          <TableCell>
            <Button appearance="transparent" size="small" onClick={() => onSelect(attempt.number)}>
              Attempt {attempt.number}
            </Button>
          </TableCell>
          <TableCell>{attempt.httpStatus}</TableCell>
          <TableCell>{formatTimestamp(attempt.timestamp)}</TableCell>
          <TableCell>{attempt.durationMs} ms</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** The selected event: its attempts, and each attempt's Request and Response, as in the Azure blade's bottom pane. */
export const EventDetails = ({ registry, webhook, eventId, canRedeliver, onRedeliver }: EventDetailsProps) => {
  const styles = useStyles();
  const [tab, setTab] = useState<"request" | "response">("request");
  const [chosenAttempt, setChosenAttempt] = useState<number | null>(null);
  const [isRedelivering, setIsRedelivering] = useState(false);
  const query = useQuery({
    queryKey: webhookKeys.event(registry, webhook, eventId),
    queryFn: () => fetchJson<EventDetail>(`${eventsApiPath(registry, webhook)}/${encodeURIComponent(eventId)}`),
    refetchInterval: (current) => (current.state.data?.state === "pending" ? 2000 : false),
  });
  const attempts = query.data?.attempts ?? [];
  // The newest attempt unless the admin picked another.
  const attempt = attempts.find((candidate) => candidate.number === chosenAttempt) ?? attempts[0];

  const redeliver = async () => {
    setIsRedelivering(true);
    try {
      await onRedeliver(eventId);
      setChosenAttempt(null);
    } finally {
      setIsRedelivering(false);
    }
  };

  return (
    <section className={styles.panel} aria-labelledby="event-details-heading">
      <div className={styles.titleRow}>
        <h2 id="event-details-heading" className={styles.heading}>
          Event {eventId}
        </h2>
        {query.data && <Text>{stateText(query.data)}</Text>}
        {canRedeliver && (
          <Button icon={<SendRegular />} disabled={isRedelivering || !query.data} onClick={redeliver}>
            Redeliver
          </Button>
        )}
      </div>
      {query.isPending && <Spinner size="tiny" label="Loading event..." />}
      {query.isError && <ErrorMessage>The event could not be loaded: {query.error.message}</ErrorMessage>}
      {query.data && attempts.length === 0 && <Text>Not sent yet: the first attempt is queued.</Text>}
      {attempts.length > 0 && (
        <AttemptsTable attempts={attempts} selected={attempt.number} onSelect={setChosenAttempt} />
      )}
      {attempt && (
        <>
          <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as "request" | "response")}>
            <Tab value="request">Request</Tab>
            <Tab value="response">Response</Tab>
          </TabList>
          {tab === "request" ? <RequestPanel attempt={attempt} /> : <ResponsePanel attempt={attempt} />}
        </>
      )}
    </section>
  );
};
