"use server";

import { invalidFields } from "../forms/field-errors";
import * as users from "../operations/users";
import { toAction } from "./to-action";

// The Users page's server actions (Owners only): adapters of lib/operations/users.ts.

export type UserActionResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> };

const answer = (result: users.UserChange): UserActionResult => {
  if (result.kind === "invalid") return invalidFields(result.fieldErrors);
  if (result.kind === "refused") return { ok: false, message: result.message };
  return { ok: true };
};

export const addUser = toAction(users.addUser, answer);
export const changeUserRole = toAction(users.changeUserRole, answer);
export const deleteUser = toAction(users.deleteUser, answer);
