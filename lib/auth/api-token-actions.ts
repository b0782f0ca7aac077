"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { hashToken } from "../security/token-hash";
import { fieldErrorsOf, invalidFields } from "../forms/field-errors";
import { apiTokenSchema, expiryDate } from "./api-token-schema";
import { generateApiToken } from "./api-tokens";
import { requireActionUser } from "./guards";
import { hasRole, ROLE_LABELS } from "./roles";

// Anyone signed in may make tokens for themselves, with a role no higher than their own.

export type NewTokenResult = { ok: true; token: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

const PROFILE_PATH = "/profile";

export async function createApiToken(values: unknown): Promise<NewTokenResult> {
  const user = await requireActionUser("reader");
  const parsed = apiTokenSchema.safeParse(values);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  const { name, role, expiresInDays } = parsed.data;
  if (!hasRole(user.role, role)) {
    return invalidFields({ role: `A token cannot have more rights than you: your role is ${ROLE_LABELS[user.role]}.` });
  }
  const token = generateApiToken();
  try {
    await db.apiToken.create({
      data: { userId: user.id, name, role, prefix: token.slice(0, 8), tokenHash: hashToken(token), expiresAt: expiryDate(expiresInDays) },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return invalidFields({ name: `You already have a token named "${name}".` });
    throw error;
  }
  await recordAudit({ actor: user, action: "api-token.create", target: name, detail: ROLE_LABELS[role] });
  revalidatePath(PROFILE_PATH);
  return { ok: true, token };
}

export async function revokeApiToken(tokenId: unknown): Promise<{ ok: true } | { ok: false; message: string }> {
  const user = await requireActionUser("reader");
  // Only one's own tokens: the lookup includes the user.
  const token = await db.apiToken.findFirst({ where: { id: String(tokenId), userId: user.id } });
  if (!token) return { ok: false, message: "That token no longer exists." };
  await db.apiToken.delete({ where: { id: token.id } });
  await recordAudit({ actor: user, action: "api-token.revoke", target: token.name });
  revalidatePath(PROFILE_PATH);
  return { ok: true };
}
