import Link from "next/link";
import { signOut } from "@/lib/actions/session";
import type { SignedInUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { permissionsOf } from "@/lib/operations/permissions";

/** The header's right side: the Owner's pages, who is signed in, and Sign out (a plain form, so it works before hydration). */
export const UserMenu = ({ user }: { user: SignedInUser }) => {
  const { canAdminister } = permissionsOf(user.role);
  return (
    <>
      <nav aria-label="Portal" className="portal-nav">
        <Link href="/registries">Registries</Link>
        <Link href="/test-receivers">Test receivers</Link>
        {canAdminister && <Link href="/users">Users</Link>}
        {canAdminister && <Link href="/audit">Audit log</Link>}
      </nav>
      <div className="portal-user">
        <Link href="/profile" title="Your profile and API tokens">
          {user.email} ({ROLE_LABELS[user.role]})
        </Link>
        <form action={signOut}>
          <button type="submit" className="portal-sign-out">
            Sign out
          </button>
        </form>
      </div>
    </>
  );
};
