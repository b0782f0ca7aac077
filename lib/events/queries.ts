import "server-only";
import { db } from "../db";
import type { HeaderPair } from "../webhooks/headers";
import { httpStatusText, isSuccessful } from "./http-status";
import type { EventDetail, EventPage, EventRow } from "./types";

export const EVENTS_PAGE_SIZE = 25;

const rowSelect = {
  id: true,
  action: true,
  image: true,
  createdAt: true,
  responseStatus: true,
  responseReason: true,
  error: true,
} as const;

type RowFields = { id: string; action: string; image: string; createdAt: Date } & Parameters<
  typeof httpStatusText
>[0];

const toRow = (event: RowFields): EventRow => ({
  id: event.id,
  action: event.action,
  image: event.image,
  httpStatus: httpStatusText(event),
  isSuccess: isSuccessful(event),
  timestamp: event.createdAt.toISOString(),
});

/**
 * One page of a webhook's events, newest first. Both queries walk the (webhookId, seq)
 * index, so a page costs the same with 10 events or 10,000.
 */
export const listEvents = async (webhookId: string, requestedPage: number): Promise<EventPage> => {
  const total = await db.webhookEvent.count({ where: { webhookId } });
  const pageCount = Math.max(1, Math.ceil(total / EVENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  const events = await db.webhookEvent.findMany({
    where: { webhookId },
    orderBy: { seq: "desc" },
    skip: (page - 1) * EVENTS_PAGE_SIZE,
    take: EVENTS_PAGE_SIZE,
    select: rowSelect,
  });
  return { rows: events.map(toRow), total, page, pageCount, pageSize: EVENTS_PAGE_SIZE };
};

const headersOf = (json: string | null): HeaderPair[] => (json ? (JSON.parse(json) as HeaderPair[]) : []);

/** An event's full request and response, looked up within its webhook so ids cannot cross webhooks. */
export const getEventDetail = async (webhookId: string, eventId: string): Promise<EventDetail | null> => {
  const event = await db.webhookEvent.findFirst({ where: { id: eventId, webhookId } });
  if (!event) return null;
  return {
    ...toRow(event),
    request: {
      method: event.requestMethod,
      uri: event.requestUri,
      headers: headersOf(event.requestHeaders),
      body: event.requestBody,
      isBodyTruncated: event.requestBodyTruncated,
    },
    response:
      event.responseStatus === null
        ? null
        : {
            status: event.responseStatus,
            reason: event.responseReason ?? "",
            headers: headersOf(event.responseHeaders),
            body: event.responseBody ?? "",
            isBodyTruncated: event.responseBodyTruncated,
          },
    error: event.error,
    durationMs: event.durationMs,
  };
};
