"use client";

import { Button, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { DeleteRegular } from "@fluentui/react-icons";
import type { Role } from "@/lib/auth/roles";
import { changeUserRole, deleteUser } from "@/lib/actions/users";
import { RoleOptions } from "../auth/role-options";
import { useIsHydrated } from "../hooks/use-is-hydrated";
import { useRowAction } from "../hooks/use-row-action";
import { ErrorMessage } from "../shell/error-message";
import { formatTimestamp } from "../webhooks/format";

export type UserRow = { id: string; name: string; email: string; role: Role; createdAt: string };

/** Every user with their role; an Owner changes roles in place and deletes others. */
export const UserTable = ({ users, selfId }: { users: UserRow[]; selfId: string }) => {
  const isHydrated = useIsHydrated();
  const { busyId, error, run } = useRowAction("That did not work because of an unexpected error. Try again.");

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
            <TableHeaderCell>
              <span className="visually-hidden">Actions</span>
            </TableHeaderCell>
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
                  <RoleOptions />
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
