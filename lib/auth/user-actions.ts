"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { fieldErrorsOf, invalidFields } from "../forms/field-errors";
import { requireActionUser } from "./guards";
import { isRole, ROLE_LABELS } from "./roles";
import { newUserSchema } from "./schema";
import { changeRoleKeepingAnOwner, createUser, deleteUserKeepingAnOwner } from "./users";

// The Users page: Owners only. The portal always keeps at least one Owner.

export type UserActionResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> };

const USERS_PATH = "/users";

export async function addUser(values: unknown): Promise<UserActionResult> {
  const owner = await requireActionUser("owner");
  const parsed = newUserSchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  try {
    await createUser(parsed.data);
  } catch (error) {
    if (isUniqueViolation(error)) return invalidFields({ email: `${parsed.data.email} already has an account.` });
    throw error;
  }
  await recordAudit({ actor: owner, action: "user.create", target: parsed.data.email, detail: ROLE_LABELS[parsed.data.role] });
  revalidatePath(USERS_PATH);
  return { ok: true };
}

const lastOwnerMessage = "The portal needs at least one Owner: make someone else Owner first.";

export async function changeUserRole(userId: unknown, role: unknown): Promise<UserActionResult> {
  const owner = await requireActionUser("owner");
  if (!isRole(role)) return { ok: false, message: "Choose Owner, Contributor or Reader." };
  const user = await db.user.findUnique({ where: { id: String(userId) } });
  if (!user) return { ok: false, message: "That user no longer exists." };
  if (!(await changeRoleKeepingAnOwner(user.id, role))) return { ok: false, message: lastOwnerMessage };
  await recordAudit({ actor: owner, action: "user.change-role", target: user.email, detail: `${user.role} → ${role}` });
  revalidatePath(USERS_PATH);
  return { ok: true };
}

export async function deleteUser(userId: unknown): Promise<UserActionResult> {
  const owner = await requireActionUser("owner");
  const user = await db.user.findUnique({ where: { id: String(userId) } });
  if (!user) return { ok: false, message: "That user no longer exists." };
  if (user.id === owner.id) return { ok: false, message: "You cannot delete your own account. Ask another Owner." };
  if (!(await deleteUserKeepingAnOwner(user.id))) return { ok: false, message: lastOwnerMessage };
  await recordAudit({ actor: owner, action: "user.delete", target: user.email });
  revalidatePath(USERS_PATH);
  return { ok: true };
}
