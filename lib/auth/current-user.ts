import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { auth } from "./better-auth";
import { roleOf, type Role } from "./roles";

export type SignedInUser = { id: string; email: string; name: string; role: Role };

/** The user behind this request's session cookie, or null. Read once per request. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, email, name, role } = session.user as typeof session.user & { role?: string };
  return { id, email, name, role: roleOf(role) };
});
