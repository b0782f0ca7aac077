import type { HeaderPair } from "../webhooks/headers";

export type DeliveryState = "pending" | "delivered" | "failed";

/** A row of the events table: one event for one webhook. Times are ISO strings. */
export type EventRow = {
  id: string;
  action: string;
  image: string;
  /** The latest attempt's outcome ("200 OK", "Connection refused"); empty before the first. */
  httpStatus: string;
  state: DeliveryState;
  /** When a pending event is tried next. */
  nextAttemptAt: string | null;
  attemptCount: number;
  timestamp: string;
};

/**
 * A page of the events table, newest first. `newer` and `older` are the keys (seqs) to ask for
 * the pages on either side (events after `newer`, before `older`), null where none follow.
 */
export type EventPage = { rows: EventRow[]; pageSize: number; newer: number | null; older: number | null };

export type AttemptDetail = {
  number: number;
  timestamp: string;
  httpStatus: string;
  isSuccess: boolean;
  request: { method: string; uri: string; headers: HeaderPair[]; body: string; isBodyTruncated: boolean };
  response: { status: number; reason: string; headers: HeaderPair[]; body: string; isBodyTruncated: boolean } | null;
  error: string | null;
  durationMs: number;
};

export type EventDetail = EventRow & { attempts: AttemptDetail[] };
