import "server-only";
import { db } from "../db";
import { EVENTS_PAGE_SIZE } from "../events/queries";
import { toEventResource, type EventResource } from "./arm-shapes";

/**
 * One page of a webhook's events (the blade's page size, newest first), each with its newest
 * attempt, older than seq `before` when given: by key on the (webhookId, seq) index, so the
 * 4,000th page costs what the first does. One row past the page tells whether another page
 * follows (`nextBefore`, the last seq shown), without counting.
 */
export const listEventResources = async (
  webhookId: string,
  before?: number,
): Promise<{ events: EventResource[]; nextBefore: number | null }> => {
  const deliveries = await db.delivery.findMany({
    where: { webhookId, ...(before === undefined ? {} : { seq: { lt: before } }) },
    orderBy: { seq: "desc" },
    take: EVENTS_PAGE_SIZE + 1,
    select: {
      seq: true,
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
  const page = deliveries.slice(0, EVENTS_PAGE_SIZE);
  return {
    events: page.map((delivery) => toEventResource(delivery, delivery.attempts[0] ?? null)),
    nextBefore: deliveries.length > EVENTS_PAGE_SIZE ? (page.at(-1)?.seq ?? null) : null,
  };
};
