import "server-only";
import { yieldToEventLoop } from "../db/batches";
import { db } from "../db";
import { KEPT_REQUESTS, PRUNE_BATCH } from "./limits";
import { receiverModeOf, type ReceiverMode } from "./schema";
import type { ReceivedRequest } from "./types";

// Test receivers and what they got, through Prisma on either database: every statement here
// walks an index ((receiverId, id) or expiresAt), so no dialect-specific SQL is needed.

export type IncomingRequest = Omit<ReceivedRequest, "id" | "receivedAt">;

/** A receiver that may answer now: it exists and has not expired. */
export const liveReceiver = async (id: string, now = new Date()): Promise<{ id: string; mode: ReceiverMode } | null> => {
  const receiver = await db.testReceiver.findUnique({ where: { id }, select: { id: true, mode: true, expiresAt: true } });
  return receiver && receiver.expiresAt > now ? { id: receiver.id, mode: receiverModeOf(receiver.mode) } : null;
};

/**
 * Records a request and, in the same transaction, deletes the receiver's requests older than
 * its latest KEPT_REQUESTS: the cut is the KEPT_REQUESTS-th newest id on the (receiverId, id)
 * index, so the work per request is bounded whatever the receiver got before.
 */
export const recordRequest = (receiverId: string, request: IncomingRequest, now = new Date()) =>
  db.$transaction(async (tx) => {
    await tx.testReceiverRequest.create({
      data: { receiverId, ...request, headers: JSON.stringify(request.headers), receivedAt: now },
    });
    const oldestKept = await tx.testReceiverRequest.findFirst({
      where: { receiverId },
      orderBy: { id: "desc" },
      skip: KEPT_REQUESTS - 1,
      select: { id: true },
    });
    if (oldestKept) await tx.testReceiverRequest.deleteMany({ where: { receiverId, id: { lt: oldestKept.id } } });
  });

const headersOf = (text: string): [string, string][] => {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value.filter((pair) => Array.isArray(pair) && pair.length === 2).map(([name, content]) => [String(name), String(content)]) as [string, string][]) : [];
  } catch {
    return [];
  }
};

/** A receiver's requests, newest first (at most KEPT_REQUESTS are ever kept). */
export const requestsOf = async (receiverId: string): Promise<ReceivedRequest[]> => {
  const rows = await db.testReceiverRequest.findMany({ where: { receiverId }, orderBy: { id: "desc" }, take: KEPT_REQUESTS });
  return rows.map((row) => ({
    id: row.id,
    method: row.method,
    query: row.query,
    headers: headersOf(row.headers),
    body: row.body,
    isTruncated: row.isTruncated,
    sourceAddress: row.sourceAddress,
    receivedAt: row.receivedAt.toISOString(),
  }));
};

/**
 * Deletes receivers and their requests in one transaction. The requests go explicitly, not by
 * the foreign key's cascade, which SQLite applies only where foreign keys are switched on.
 */
export const deleteReceivers = async (ids: string[]) => {
  const [, { count }] = await db.$transaction([
    db.testReceiverRequest.deleteMany({ where: { receiverId: { in: ids } } }),
    db.testReceiver.deleteMany({ where: { id: { in: ids } } }),
  ]);
  return count;
};

/**
 * Deletes receivers that expired before `now`, PRUNE_BATCH at a time (each takes its requests
 * with it, at most KEPT_REQUESTS rows), yielding to the event loop between batches; returns
 * how many receivers went.
 */
export const pruneExpiredReceivers = async (now = new Date()) => {
  let total = 0;
  for (;;) {
    const expired = await db.testReceiver.findMany({ where: { expiresAt: { lte: now } }, orderBy: { expiresAt: "asc" }, take: PRUNE_BATCH, select: { id: true } });
    if (expired.length === 0) return total;
    total += await deleteReceivers(expired.map((receiver) => receiver.id));
    if (expired.length < PRUNE_BATCH) return total;
    await yieldToEventLoop();
  }
};
