import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { auth } from "./better-auth";
import { roleOf, type Role } from "./roles";

export type SignedInUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user of a better-auth session (its role is our additional field). */
export const userOfSession = ({ user }: { user: { id: string; email: string; name: string } }): SignedInUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: roleOf((user as { role?: unknown }).role),
});

/** The user behind this request's session cookie, or null. Read once per request. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  return session ? userOfSession(session) : null;
});
