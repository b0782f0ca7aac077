import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { hashToken } from "../security/token-hash";
import { hasRole, roleOf, type Role } from "./roles";
import type { SignedInUser } from "./current-user";

// Personal API tokens (GitHub's fine-grained tokens, in spirit): shown once, stored as a
// SHA-256 hash (long and random, so a fast hash is enough), revocable, and acting with the
// lower of the token's role and its user's role today, so demoting a user demotes their tokens.

const PREFIX = "rwt_";

export const generateApiToken = () => `${PREFIX}${randomBytes(32).toString("base64url")}`;

/** How often lastUsedAt is written: once a minute is plenty for "last used". */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The user a presented token acts as, or null when it is unknown, expired or revoked. */
export const userForApiToken = async (token: string, now = new Date()): Promise<SignedInUser | null> => {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row) return null;
  if (row.expiresAt && row.expiresAt <= now) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const userRole = roleOf(row.user.role);
  const tokenRole = roleOf(row.role);
  const role: Role = hasRole(userRole, tokenRole) ? tokenRole : userRole;
  return { id: row.user.id, email: row.user.email, name: row.user.name, role };
};
