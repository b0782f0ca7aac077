import "server-only";
import { db } from "../db";
import { storedHeaderPairs } from "../webhooks/headers";
import { httpStatusText, isSuccessful } from "./http-status";
import type { AttemptDetail, DeliveryState, EventDetail, EventPage, EventRow } from "./types";

export const EVENTS_PAGE_SIZE = 25;

const rowSelect = {
  id: true,
  action: true,
  image: true,
  createdAt: true,
  state: true,
  lastStatus: true,
  nextAttemptAt: true,
  attemptCount: true,
} as const;

type RowFields = {
  id: string;
  action: string;
  image: string;
  createdAt: Date;
  state: string;
  lastStatus: string;
  nextAttemptAt: number;
  attemptCount: number;
};

const toRow = (delivery: RowFields): EventRow => {
  const state = (["pending", "delivered", "failed"].includes(delivery.state) ? delivery.state : "failed") as DeliveryState;
  return {
    id: delivery.id,
    action: delivery.action,
    image: delivery.image,
    httpStatus: delivery.lastStatus,
    state,
    nextAttemptAt: state === "pending" ? new Date(delivery.nextAttemptAt).toISOString() : null,
    attemptCount: delivery.attemptCount,
    timestamp: delivery.createdAt.toISOString(),
  };
};

/**
 * Where a page of events starts: the newest (no key), the events older than seq `before`
 * ("Older"), or the ones just newer than seq `after` ("Newer").
 */
export type EventCursor = { before?: number; after?: number };

/**
 * One page of a webhook's events, newest first, by key: `seq < before ORDER BY seq DESC LIMIT
 * n+1` (or `seq > after ORDER BY seq ASC`) on the (webhookId, seq) index, so a page costs the
 * same with 10 events or 100,000, however deep, and nothing counts them: the row past the page
 * says whether more follow. (It counted every event and skipped with OFFSET, on every render
 * and every 2 s refresh.)
 */
export const listEvents = async (webhookId: string, cursor: EventCursor = {}): Promise<EventPage> => {
  const isNewer = cursor.after !== undefined && cursor.before === undefined;
  const key = isNewer ? { gt: cursor.after } : cursor.before !== undefined ? { lt: cursor.before } : undefined;
  const deliveries = await db.delivery.findMany({
    where: { webhookId, ...(key ? { seq: key } : {}) },
    orderBy: { seq: isNewer ? "asc" : "desc" },
    take: EVENTS_PAGE_SIZE + 1,
    select: { ...rowSelect, seq: true },
  });
  const hasMore = deliveries.length > EVENTS_PAGE_SIZE;
  // Fewer than a page newer than `after`: the newest page, full, is what "Newer" reaches.
  if (isNewer && !hasMore) return listEvents(webhookId);
  const page = deliveries.slice(0, EVENTS_PAGE_SIZE);
  if (isNewer) page.reverse();
  const newest = page[0]?.seq ?? null;
  const oldest = page.at(-1)?.seq ?? null;
  const hasNewer = isNewer || cursor.before !== undefined;
  const hasOlder = isNewer || hasMore;
  return {
    rows: page.map(toRow),
    pageSize: EVENTS_PAGE_SIZE,
    newer: hasNewer && newest !== null ? newest : null,
    older: hasOlder && oldest !== null ? oldest : null,
  };
};

type AttemptRow = Awaited<ReturnType<typeof db.attempt.findMany>>[number];

const toAttemptDetail = (attempt: AttemptRow): AttemptDetail => ({
  number: attempt.number,
  timestamp: attempt.createdAt.toISOString(),
  httpStatus: httpStatusText(attempt),
  isSuccess: isSuccessful(attempt),
  request: {
    method: attempt.requestMethod,
    uri: attempt.requestUri,
    headers: storedHeaderPairs(attempt.requestHeaders),
    body: attempt.requestBody,
    isBodyTruncated: attempt.requestBodyTruncated,
  },
  response:
    attempt.responseStatus === null
      ? null
      : {
          status: attempt.responseStatus,
          reason: attempt.responseReason ?? "",
          headers: storedHeaderPairs(attempt.responseHeaders),
          body: attempt.responseBody ?? "",
          isBodyTruncated: attempt.responseBodyTruncated,
        },
  error: attempt.error,
  durationMs: attempt.durationMs,
});

/** An event with every attempt, looked up within its webhook so ids cannot cross webhooks. */
export const getEventDetail = async (webhookId: string, eventId: string): Promise<EventDetail | null> => {
  const delivery = await db.delivery.findFirst({
    where: { id: eventId, webhookId },
    select: { ...rowSelect, attempts: { orderBy: { number: "desc" } } },
  });
  if (!delivery) return null;
  return { ...toRow(delivery), attempts: delivery.attempts.map(toAttemptDetail) };
};
