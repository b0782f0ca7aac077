"use client";

import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import { revokeApiToken } from "@/lib/actions/api-tokens";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { useRowAction } from "../hooks/use-row-action";
import { ErrorMessage } from "../shell/error-message";
import { formatTimestamp } from "../webhooks/format";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

export const ApiTokenTable = ({ tokens }: { tokens: ApiTokenRow[] }) => {
  const isHydrated = useIsHydrated();
  const { busyId, error, run } = useRowAction("The token could not be revoked. Try again.");

  if (tokens.length === 0) return <Text>No API tokens yet.</Text>;
  return (
    <>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <Table aria-label="API tokens" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Token</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Created</TableHeaderCell>
            <TableHeaderCell>Expires</TableHeaderCell>
            <TableHeaderCell>Last used</TableHeaderCell>
            <TableHeaderCell>
              <span className="visually-hidden">Actions</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.map((token) => (
            <TableRow key={token.id}>
              <TableCell>{token.name}</TableCell>
              <TableCell>{token.prefix}…</TableCell>
              <TableCell>{ROLE_LABELS[token.role]}</TableCell>
              <TableCell>{formatTimestamp(token.createdAt)}</TableCell>
              <TableCell>{token.expiresAt ? formatTimestamp(token.expiresAt) : "Never"}</TableCell>
              <TableCell>{token.lastUsedAt ? formatTimestamp(token.lastUsedAt) : "Never used"}</TableCell>
              <TableCell>
                <Button icon={<DeleteRegular />} aria-label={`Revoke ${token.name}`} disabled={!isHydrated || busyId === token.id} onClick={() => run(token.id, () => revokeApiToken(token.id))}>
                  Revoke
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
