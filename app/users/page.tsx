import { BladeHeader } from "@/components/shell/blade-header";
import { AddUserForm } from "@/components/users/add-user-form";
import { UserTable } from "@/components/users/user-table";
import { requireUser } from "@/lib/auth/guards";
import { roleOf } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/users";

export const metadata = { title: "Users" };

/** Owners only: who may sign in, and with which role (Azure RBAC's Owner, Contributor, Reader). */
const UsersPage = async () => {
  const owner = await requireUser("owner");
  const users = await listUsers();
  return (
    <>
      <BladeHeader crumbs={[{ label: "Users", href: "/users" }]} title="Users" subtitle="Access control" />
      <UserTable
        selfId={owner.id}
        users={users.map((user) => ({ ...user, role: roleOf(user.role), createdAt: user.createdAt.toISOString() }))}
      />
      <h2 className="section-heading">Add user</h2>
      <AddUserForm />
    </>
  );
};

export default UsersPage;
