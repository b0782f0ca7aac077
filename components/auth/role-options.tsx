import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

/** The <option>s of a role picker, labelled as Azure labels its built-in roles. */
export const RoleOptions = ({ roles = ROLES }: { roles?: readonly Role[] }) =>
  roles.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
