"use client";

import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import Link from "next/link";
import { deleteTestReceiver } from "@/lib/actions/test-receivers";
import { RECEIVER_MODE_LABELS } from "@/lib/test-receivers/schema";
import type { ReceiverSummary } from "@/lib/test-receivers/types";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { useRowAction } from "../hooks/use-row-action";
import { ErrorMessage } from "../shell/error-message";
import { formatTimestamp } from "../webhooks/format";

type ReceiverTableProps = { receivers: ReceiverSummary[]; canManage: boolean; canReadRequests: boolean };

export const ReceiverTable = ({ receivers, canManage, canReadRequests }: ReceiverTableProps) => {
  const isHydrated = useIsHydrated();
  const { busyId, error, run } = useRowAction("The test receiver could not be deleted. Try again.");

  if (receivers.length === 0) return <Text as="p">No test receivers yet.</Text>;
  return (
    <>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <Table aria-label="Test receivers" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Answers with</TableHeaderCell>
            <TableHeaderCell>URL</TableHeaderCell>
            <TableHeaderCell>Created by</TableHeaderCell>
            <TableHeaderCell>Expires</TableHeaderCell>
            {canManage && (
              <TableHeaderCell>
                <span className="visually-hidden">Actions</span>
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {receivers.map((receiver) => (
            <TableRow key={receiver.id}>
              <TableCell>{canReadRequests ? <Link href={`/test-receivers/${receiver.id}`}>{receiver.name}</Link> : receiver.name}</TableCell>
              <TableCell>{RECEIVER_MODE_LABELS[receiver.mode]}</TableCell>
              <TableCell>
                <code>{receiver.url}</code>
              </TableCell>
              <TableCell>{receiver.createdBy}</TableCell>
              <TableCell>{formatTimestamp(receiver.expiresAt)}</TableCell>
              {canManage && (
                <TableCell>
                  <Button
                    icon={<DeleteRegular />}
                    aria-label={`Delete ${receiver.name}`}
                    disabled={!isHydrated || busyId === receiver.id}
                    onClick={() => run(receiver.id, () => deleteTestReceiver(receiver.id))}
                  >
                    Delete
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
