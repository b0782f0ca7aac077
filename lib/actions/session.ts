"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordAudit } from "../audit/record";
import { fieldErrorsOf, invalidFields } from "../forms/field-errors";
import { auth } from "../auth/better-auth";
import { clientAddress } from "../http/client-address";
import { currentUser } from "../auth/current-user";
import { safeNextPath } from "../auth/next-path";
import { setupSchema, signInSchema } from "../auth/schema";
import { signInThrottle } from "../auth/sign-in-limit";
import { createFirstOwner, hasAnyUser } from "../auth/users";

// Signing in and out, and the one-time setup: the only actions open to a visitor without a
// session, so they are not operations (an operation needs a caller with a role).

export type AuthFormResult = { ok: false; message: string; fieldErrors?: Record<string, string> };

export async function signIn(values: unknown, next: unknown): Promise<AuthFormResult> {
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  const { email, password } = parsed.data;
  const requestHeaders = await headers();
  const ipAddress = clientAddress(requestHeaders);

  const waitSeconds = await signInThrottle(ipAddress, email);
  if (waitSeconds !== null) {
    return { ok: false, message: `Too many sign-in attempts. Try again in ${waitSeconds} s.` };
  }
  let userId: string;
  try {
    const signedIn = await auth().api.signInEmail({ body: { email, password, rememberMe: true }, headers: requestHeaders });
    userId = signedIn.user.id;
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await recordAudit({ actor: { id: null, email }, action: "sign-in-failed", ipAddress });
    return { ok: false, message: "The email or password is wrong." };
  }
  await recordAudit({ actor: { id: userId, email }, action: "sign-in", ipAddress });
  redirect(safeNextPath(next));
}

export async function signOut(): Promise<void> {
  const user = await currentUser();
  const requestHeaders = await headers();
  await auth().api.signOut({ headers: requestHeaders });
  if (user) await recordAudit({ actor: user, action: "sign-out" });
  redirect("/sign-in");
}

/** The one-time setup page: only while the portal has no user at all. */
export async function setUpFirstOwner(values: unknown): Promise<AuthFormResult> {
  const alreadySetUp = { ok: false as const, message: "The portal is already set up. Sign in instead." };
  if (await hasAnyUser()) return alreadySetUp;
  const parsed = setupSchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  const { name, email, password } = parsed.data;
  const user = await createFirstOwner({ name, email, password });
  if (!user) return alreadySetUp;
  await recordAudit({ actor: user, action: "setup", target: email, detail: "Created the first Owner" });
  await auth().api.signInEmail({ body: { email, password, rememberMe: true }, headers: await headers() });
  redirect("/");
}
