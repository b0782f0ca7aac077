"use client";

import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import type { ReceivedRequest } from "@/lib/test-receivers/types";
import { formatTimestamp } from "../webhooks/format";

const useStyles = makeStyles({
  panel: { marginTop: tokens.spacingVerticalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  body: {
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    maxHeight: "400px",
    overflowY: "auto",
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
  },
  value: { overflowWrap: "anywhere", fontFamily: tokens.fontFamilyMonospace },
});

/** One request as received: its line, source and time, every header, and the body (cut at 64 KiB). */
export const RequestDetails = ({ request }: { request: ReceivedRequest }) => {
  const styles = useStyles();
  return (
    <section className={styles.panel} aria-label="Request details">
      <h3 className="section-heading">
        {request.method} request {request.id}
      </h3>
      <Text>
        Received {formatTimestamp(request.receivedAt)} from {request.sourceAddress || "an unknown address"}
        {request.query ? `, query ?${request.query}` : ", no query string"}
      </Text>
      <Table aria-label="Request headers" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Header</TableHeaderCell>
            <TableHeaderCell>Value</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {request.headers.map(([name, value], index) => (
            <TableRow key={`${index}-${name}`}>
              <TableCell>{name}</TableCell>
              <TableCell className={styles.value}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <h4 className="section-heading">Body{request.isTruncated ? " (truncated: only the first 64 KiB were kept)" : ""}</h4>
      <pre className={styles.body} aria-label="Request body" tabIndex={0}>
        {request.body || "(empty)"}
      </pre>
    </section>
  );
};
