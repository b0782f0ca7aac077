import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { currentUser, type SignedInUser } from "./current-user";
import { hasRole, type Role } from "./roles";

// Every page and server action starts with one of these. Pages hide what a role may not
// use; these make the server refuse it too (Next.js answers 401/403 from unauthorized() and
// forbidden(), and renders app/forbidden.tsx for pages).

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export const requireUser = async (least: Role = "reader"): Promise<SignedInUser> => {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (!hasRole(user.role, least)) forbidden();
  return user;
};

/** For server actions: 401 without a session, 403 below the role. */
export const requireActionUser = async (least: Role): Promise<SignedInUser> => {
  const user = await currentUser();
  if (!user) unauthorized();
  if (!hasRole(user.role, least)) forbidden();
  return user;
};
