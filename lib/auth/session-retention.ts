import "server-only";
import { BATCH, deleteInBatches } from "../db/batches";
import { db } from "../db";

// better-auth deletes an expired session only when its cookie comes back. A session nobody
// presents again (a script that signs in for each run, a browser that was closed, a signed-in
// user who never returns) stayed forever: one row per sign-in. Housekeeping deletes them, and
// expired verification values likewise, BATCH at a time (lib/db/batches.ts), through Prisma on
// either database.

const expiredSessionsBatch = async (now: Date) => {
  const expired = await db.session.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, take: BATCH });
  if (expired.length === 0) return 0;
  await db.session.deleteMany({ where: { id: { in: expired.map((session) => session.id) } } });
  return expired.length;
};

const expiredVerificationsBatch = async (now: Date) => {
  const expired = await db.verification.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, take: BATCH });
  if (expired.length === 0) return 0;
  await db.verification.deleteMany({ where: { id: { in: expired.map((verification) => verification.id) } } });
  return expired.length;
};

/** Deletes sessions and verification values that expired by `now`; returns how many rows went. */
export const pruneExpiredSessions = async (now = new Date()) =>
  (await deleteInBatches(() => expiredSessionsBatch(now))) + (await deleteInBatches(() => expiredVerificationsBatch(now)));
