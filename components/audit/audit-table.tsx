"use client";

import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import type { AuditRow } from "@/lib/audit/queries";
import { formatTimestamp } from "../webhooks/format";

/** The Activity log of the Azure portal, in spirit: when, who, what, on what, from where. */
export const AuditTable = ({ rows }: { rows: AuditRow[] }) =>
  rows.length === 0 ? (
    <Text>Nothing recorded yet.</Text>
  ) : (
    <Table aria-label="Audit log" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Time</TableHeaderCell>
          <TableHeaderCell>User</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Target</TableHeaderCell>
          <TableHeaderCell>Detail</TableHeaderCell>
          <TableHeaderCell>From</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>{formatTimestamp(row.createdAt)}</TableCell>
            <TableCell>{row.actorEmail}</TableCell>
            <TableCell>{row.action}</TableCell>
            <TableCell>{row.target}</TableCell>
            <TableCell>{row.detail}</TableCell>
            <TableCell>{row.ipAddress}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
