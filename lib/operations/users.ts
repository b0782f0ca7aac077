import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { isRole, ROLE_LABELS } from "../auth/roles";
import { newUserSchema } from "../auth/schema";
import { changeRoleKeepingAnOwner, createUser, deleteUserKeepingAnOwner, findUser, listUsers as listUserRows } from "../auth/users";
import { isUniqueViolation } from "../db-errors";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { defineOperation, type Caller } from "./operation";

// The Users page: Owners only. The portal always keeps at least one Owner.

const USERS_PATH = "/users";

export type UserChange = { kind: "done" } | { kind: "refused"; message: string } | { kind: "invalid"; fieldErrors: FieldErrors };

const DONE: UserChange = { kind: "done" };
const refused = (message: string): UserChange => ({ kind: "refused", message });
const USER_GONE = refused("That user no longer exists.");
const LAST_OWNER = refused("The portal needs at least one Owner: make someone else Owner first.");

const audit = (caller: Caller, action: "user.create" | "user.change-role" | "user.delete", target: string, detail?: string) =>
  recordAudit({ actor: { id: caller.principal.id, email: caller.principal.email }, action, target, detail, ipAddress: caller.ipAddress });

export const listUsers = defineOperation("users.list", "owner", async (_caller: Caller) => listUserRows());

export const addUser = defineOperation("users.add", "owner", async (caller: Caller, values: unknown): Promise<UserChange> => {
  const parsed = newUserSchema.safeParse(values);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await createUser(parsed.data);
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "invalid", fieldErrors: { email: `${parsed.data.email} already has an account.` } };
    throw error;
  }
  await audit(caller, "user.create", parsed.data.email, ROLE_LABELS[parsed.data.role]);
  revalidatePath(USERS_PATH);
  return DONE;
});

export const changeUserRole = defineOperation("users.change-role", "owner", async (caller: Caller, userId: unknown, role: unknown): Promise<UserChange> => {
  if (!isRole(role)) return refused("Choose Owner, Contributor or Reader.");
  const user = await findUser(String(userId));
  if (!user) return USER_GONE;
  if (!(await changeRoleKeepingAnOwner(user.id, role))) return LAST_OWNER;
  await audit(caller, "user.change-role", user.email, `${user.role} → ${role}`);
  revalidatePath(USERS_PATH);
  return DONE;
});

export const deleteUser = defineOperation("users.delete", "owner", async (caller: Caller, userId: unknown): Promise<UserChange> => {
  const user = await findUser(String(userId));
  if (!user) return USER_GONE;
  if (user.id === caller.principal.id) return refused("You cannot delete your own account. Ask another Owner.");
  if (!(await deleteUserKeepingAnOwner(user.id))) return LAST_OWNER;
  await audit(caller, "user.delete", user.email);
  revalidatePath(USERS_PATH);
  return DONE;
});
