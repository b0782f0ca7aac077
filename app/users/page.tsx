import { BladeHeader } from "@/components/shell/blade-header";
import { AddUserForm } from "@/components/users/add-user-form";
import { UserTable } from "@/components/users/user-table";
import { pageCaller } from "@/lib/operations/callers";
import { listUsers } from "@/lib/operations/users";
import { roleOf } from "@/lib/auth/roles";

export const metadata = { title: "Users" };

/** Owners only: who may sign in, and with which role (Azure RBAC's Owner, Contributor, Reader). */
const UsersPage = async () => {
  const caller = await pageCaller(listUsers);
  const users = await listUsers(caller);
  return (
    <>
      <BladeHeader crumbs={[{ label: "Users", href: "/users" }]} title="Users" subtitle="Access control" />
      <UserTable
        selfId={caller.principal.id}
        users={users.map((user) => ({ ...user, role: roleOf(user.role), createdAt: user.createdAt.toISOString() }))}
      />
      <h2 className="section-heading">Add user</h2>
      <AddUserForm />
    </>
  );
};

export default UsersPage;
