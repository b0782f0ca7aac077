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
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { receiverKeys, receiverRequestsApiPath } from "@/lib/test-receivers/query-keys";
import type { ReceivedRequest, ReceiverSummary } from "@/lib/test-receivers/types";
import { fetchJson } from "../events/fetch-json";
import { ErrorMessage } from "../shell/error-message";
import { formatTimestamp } from "../webhooks/format";
import { RequestDetails } from "./request-details";

const useStyles = makeStyles({
  row: { cursor: "pointer" },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  idButton: { fontFamily: tokens.fontFamilyMonospace, padding: 0, minWidth: 0, fontWeight: tokens.fontWeightRegular },
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground3 },
});

/** A receiver's page follows what arrives while it is open. */
const REFRESH_MS = 2000;

type RequestsPage = { receiver: ReceiverSummary; requests: ReceivedRequest[] };

const sizeOf = (request: ReceivedRequest) => `${new TextEncoder().encode(request.body).length} B${request.isTruncated ? " (truncated)" : ""}`;

/** What the receiver got, newest first, refreshed every REFRESH_MS; a row opens its details. */
export const ReceiverRequests = ({ receiverId, initial }: { receiverId: string; initial: RequestsPage }) => {
  const styles = useStyles();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const query = useQuery({
    queryKey: receiverKeys.requests(receiverId),
    queryFn: () => fetchJson<RequestsPage>(receiverRequestsApiPath(receiverId)),
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });
  const requests = (query.data ?? initial).requests;
  const selected = requests.find((request) => request.id === selectedId) ?? null;

  return (
    <>
      {query.isError && <ErrorMessage>Requests could not be loaded: {query.error.message}</ErrorMessage>}
      <Table aria-label="Received requests" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Request</TableHeaderCell>
            <TableHeaderCell>Method</TableHeaderCell>
            <TableHeaderCell>Query</TableHeaderCell>
            <TableHeaderCell>Body</TableHeaderCell>
            <TableHeaderCell>From</TableHeaderCell>
            <TableHeaderCell>Received</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {requests.map((request) => (
            <TableRow
              key={request.id}
              className={mergeClasses(styles.row, request.id === selectedId && styles.selected)}
              aria-selected={request.id === selectedId}
              onClick={() => setSelectedId(request.id)}
            >
              <TableCell>
                <Button appearance="transparent" size="small" className={styles.idButton} onClick={() => setSelectedId(request.id)}>
                  {String(request.id)}
                </Button>
              </TableCell>
              <TableCell>{request.method}</TableCell>
              <TableCell>{request.query}</TableCell>
              <TableCell>{sizeOf(request)}</TableCell>
              <TableCell>{request.sourceAddress}</TableCell>
              <TableCell>{formatTimestamp(request.receivedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {requests.length === 0 && (
        <div className={styles.empty}>
          <Text>Nothing has arrived yet. Point a webhook at this receiver&apos;s URL and select Ping; requests show here as they arrive.</Text>
        </div>
      )}
      {selected && <RequestDetails request={selected} />}
    </>
  );
};
