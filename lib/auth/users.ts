import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { db } from "../db";
import { env } from "../env";
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

/** On a first start with ADMIN_EMAIL and ADMIN_PASSWORD set, that Owner is created. */
export const ensureAdminFromEnv = async () => {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return;
  if (await hasAnyUser()) return;
  await createUser({ name: "Administrator", email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, role: "owner" });
  console.info(`[registry-webhooks] Created the first Owner, ${env.ADMIN_EMAIL}, from ADMIN_EMAIL.`);
};

export const listUsers = () =>
  db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, name: true, email: true, role: true, createdAt: true } });

export const ownerCount = () => db.user.count({ where: { role: "owner" } });
