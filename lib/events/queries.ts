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
 * One page of a webhook's events, newest first. Both queries walk the (webhookId, seq)
 * index, so a page costs about the same with 10 events or 10,000.
 */
export const listEvents = async (webhookId: string, requestedPage: number): Promise<EventPage> => {
  const total = await db.delivery.count({ where: { webhookId } });
  const pageCount = Math.max(1, Math.ceil(total / EVENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  const deliveries = await db.delivery.findMany({
    where: { webhookId },
    orderBy: { seq: "desc" },
    skip: (page - 1) * EVENTS_PAGE_SIZE,
    take: EVENTS_PAGE_SIZE,
    select: rowSelect,
  });
  return { rows: deliveries.map(toRow), total, page, pageCount, pageSize: EVENTS_PAGE_SIZE };
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
