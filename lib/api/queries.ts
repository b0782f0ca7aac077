import "server-only";
import { db } from "../db";
import { EVENTS_PAGE_SIZE } from "../events/queries";
import { toEventResource, type EventResource } from "./arm-shapes";

/**
 * One page of a webhook's events (the blade's page size, newest first), each with its newest
 * attempt. One row past the page tells whether another page follows, without counting.
 */
export const listEventResources = async (
  webhookId: string,
  page: number,
): Promise<{ events: EventResource[]; hasMore: boolean }> => {
  const deliveries = await db.delivery.findMany({
    where: { webhookId },
    orderBy: { seq: "desc" },
    skip: (page - 1) * EVENTS_PAGE_SIZE,
    take: EVENTS_PAGE_SIZE + 1,
    select: {
      id: true,
      payload: true,
      attempts: {
        orderBy: { number: "desc" },
        take: 1,
        select: {
          requestMethod: true,
          requestUri: true,
          requestHeaders: true,
          responseStatus: true,
          responseReason: true,
          responseHeaders: true,
          responseBody: true,
          error: true,
        },
      },
    },
  });
  return {
    events: deliveries.slice(0, EVENTS_PAGE_SIZE).map((delivery) => toEventResource(delivery, delivery.attempts[0] ?? null)),
    hasMore: deliveries.length > EVENTS_PAGE_SIZE,
  };
};
