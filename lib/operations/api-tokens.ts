import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { apiTokenSchema, expiryDate } from "../auth/api-token-schema";
import { generateApiToken } from "../auth/api-tokens";
import { hasRole, roleOf, ROLE_LABELS } from "../auth/roles";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { hashToken } from "../security/token-hash";
import { defineOperation, type Caller } from "./operation";

// Personal API tokens: anyone signed in may make tokens for themselves, with a role no higher
// than their own, and see and revoke only their own.

const PROFILE_PATH = "/profile";

const iso = (date: Date | null) => date?.toISOString() ?? null;

const audit = (caller: Caller, action: "api-token.create" | "api-token.revoke", target: string, detail?: string) =>
  recordAudit({ actor: { id: caller.principal.id, email: caller.principal.email }, action, target, detail, ipAddress: caller.ipAddress });

/** The caller's own tokens, newest first (never the token itself: only its prefix). */
export const listOwnApiTokens = defineOperation("api-tokens.list-own", "reader", async (caller: Caller) => {
  const tokens = await db.apiToken.findMany({ where: { userId: caller.principal.id }, orderBy: { createdAt: "desc" } });
  return tokens.map((token) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: roleOf(token.role),
    createdAt: token.createdAt.toISOString(),
    expiresAt: iso(token.expiresAt),
    lastUsedAt: iso(token.lastUsedAt),
  }));
});

export const createApiToken = defineOperation(
  "api-tokens.create",
  "reader",
  async (caller: Caller, values: unknown): Promise<{ kind: "invalid"; fieldErrors: FieldErrors } | { kind: "created"; token: string }> => {
    const parsed = apiTokenSchema.safeParse(values);
    if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
    const { name, role, expiresInDays } = parsed.data;
    const { principal } = caller;
    if (!hasRole(principal.role, role)) {
      return { kind: "invalid", fieldErrors: { role: `A token cannot have more rights than you: your role is ${ROLE_LABELS[principal.role]}.` } };
    }
    const token = generateApiToken();
    try {
      await db.apiToken.create({
        data: { userId: principal.id, name, role, prefix: token.slice(0, 8), tokenHash: hashToken(token), expiresAt: expiryDate(expiresInDays) },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: "invalid", fieldErrors: { name: `You already have a token named "${name}".` } };
      throw error;
    }
    await audit(caller, "api-token.create", name, ROLE_LABELS[role]);
    revalidatePath(PROFILE_PATH);
    return { kind: "created", token };
  },
);

export const revokeApiToken = defineOperation("api-tokens.revoke", "reader", async (caller: Caller, tokenId: unknown): Promise<{ kind: "missing" } | { kind: "revoked" }> => {
  // Only one's own tokens: the lookup includes the user.
  const token = await db.apiToken.findFirst({ where: { id: String(tokenId), userId: caller.principal.id } });
  if (!token) return { kind: "missing" };
  await db.apiToken.delete({ where: { id: token.id } });
  await audit(caller, "api-token.revoke", token.name);
  revalidatePath(PROFILE_PATH);
  return { kind: "revoked" };
});
