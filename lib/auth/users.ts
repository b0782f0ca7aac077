import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { db } from "../db";
import { isPostgres } from "../db/kind";
import { lockOwners } from "../db/postgres/owners";
import { sqlDate } from "../db-raw";
import { env } from "../env";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "./roles";

// Users are made here rather than through better-auth's sign-up (which is off): an Owner adds
// them, or the first Owner comes from ADMIN_EMAIL or the setup page. The password lives on a
// "credential" account, hashed with better-auth's scrypt, exactly where its sign-in looks.

export type NewUser = { name: string; email: string; password: string; role: Role };

export const createUser = async ({ name, email, password, role }: NewUser) => {
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  return db.user.create({
    data: {
      id,
      name,
      email: email.toLowerCase(),
      role,
      accounts: { create: { id: randomUUID(), accountId: id, providerId: "credential", password: passwordHash } },
    },
  });
};

export const hasAnyUser = async () => (await db.user.count()) > 0;

// The rules below are single statements that check the Owners and write in one go. On SQLite
// that is enough: one writer at a time. On PostgreSQL two such statements can run at once,
// each seeing the other's Owner, so there they run in a transaction holding the Owners lock
// (lib/db/postgres/owners.ts). Timestamps are ISO strings in UTC, which both store as such.

/** Runs `write` so that no other instance changes who the Owners are meanwhile. */
const withOwnersSettled = <T,>(write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> =>
  isPostgres
    ? db.$transaction(async (tx) => {
        await lockOwners(tx);
        return write(tx);
      })
    : write(db);

/**
 * The first Owner, only while there is no user at all: one INSERT ... WHERE NOT EXISTS, so two
 * setup pages submitted together (or two servers starting with ADMIN_EMAIL) make one Owner.
 * Returns null when someone was first.
 */
export const createFirstOwner = async ({ name, email, password }: Omit<NewUser, "role">) => {
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  const now = sqlDate();
  return db.$transaction(async (tx) => {
    if (isPostgres) await lockOwners(tx);
    const inserted = await tx.$executeRaw`
      INSERT INTO "User" ("id", "name", "email", "emailVerified", "role", "createdAt", "updatedAt")
      SELECT ${id}, ${name}, ${email.toLowerCase()}, false, 'owner', ${now}, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM "User")`;
    if (inserted === 0) return null;
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash } });
    return tx.user.findUniqueOrThrow({ where: { id } });
  });
};

/** On a first start with ADMIN_EMAIL and ADMIN_PASSWORD set, that Owner is created. */
export const ensureAdminFromEnv = async () => {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return;
  const owner = await createFirstOwner({ name: "Administrator", email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (owner) console.info(`[registry-webhooks] Created the first Owner, ${owner.email}, from ADMIN_EMAIL.`);
};

export const findUser = (id: string) => db.user.findUnique({ where: { id } });

export const listUsers = () =>
  db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, name: true, email: true, role: true, createdAt: true } });

// The portal always keeps an Owner. Each check and write is one statement (taking turns on
// PostgreSQL, see withOwnersSettled), so two Owners demoting each other at the same moment
// cannot leave none. They answer whether it happened.

/** Sets the role unless that would demote the last Owner. */
export const changeRoleKeepingAnOwner = async (userId: string, role: Role) =>
  (await withOwnersSettled((tx) => tx.$executeRaw`
    UPDATE "User" SET "role" = ${role}, "updatedAt" = ${sqlDate()}
    WHERE "id" = ${userId}
      AND ("role" != 'owner' OR ${role} = 'owner' OR (SELECT COUNT(*) FROM "User" WHERE "role" = 'owner') > 1)`)) === 1;

/** Deletes the user (sessions and tokens cascade) unless they are the last Owner. */
export const deleteUserKeepingAnOwner = async (userId: string) =>
  (await withOwnersSettled((tx) => tx.$executeRaw`
    DELETE FROM "User"
    WHERE "id" = ${userId}
      AND ("role" != 'owner' OR (SELECT COUNT(*) FROM "User" WHERE "role" = 'owner') > 1)`)) === 1;
