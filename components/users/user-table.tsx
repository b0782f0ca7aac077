"use client";

import { Button, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { changeUserRole, deleteUser, type UserActionResult } from "@/lib/auth/user-actions";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { ErrorMessage } from "../shell/error-message";
import { formatTimestamp } from "../webhooks/format";

export type UserRow = { id: string; name: string; email: string; role: Role; createdAt: string };

/** Every user with their role; an Owner changes roles in place and deletes others. */
export const UserTable = ({ users, selfId }: { users: UserRow[]; selfId: string }) => {
  const router = useRouter();
  const isHydrated = useIsHydrated();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const run = async (userId: string, action: () => Promise<UserActionResult>) => {
    setBusyId(userId);
    setError(null);
    const result = await action().catch(() => ({ ok: false as const, message: "That did not work because of an unexpected error. Try again." }));
    setBusyId(null);
    if (!result.ok) setError(result.message);
    router.refresh();
  };

  return (
    <>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <Table aria-label="Users" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Email</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Added</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id}>
              <TableCell>{user.name}</TableCell>
              <TableCell>{user.email}</TableCell>
              <TableCell>
                <Select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  disabled={!isHydrated || busyId === user.id}
                  onChange={(_, data) => run(user.id, () => changeUserRole(user.id, data.value))}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </Select>
              </TableCell>
              <TableCell>{formatTimestamp(user.createdAt)}</TableCell>
              <TableCell>
                {user.id !== selfId && (
                  <Button
                    icon={<DeleteRegular />}
                    aria-label={`Delete ${user.email}`}
                    disabled={!isHydrated || busyId === user.id}
                    onClick={() => window.confirm(`Delete ${user.email}? Their sessions and API tokens stop working.`) && run(user.id, () => deleteUser(user.id))}
                  >
                    Delete
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
