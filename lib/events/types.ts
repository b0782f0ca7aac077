import type { HeaderPair } from "../webhooks/headers";

/** A row of the events table. Timestamps are ISO strings so they cross to the client as-is. */
export type EventRow = {
  id: string;
  action: string;
  image: string;
  httpStatus: string;
  isSuccess: boolean;
  timestamp: string;
};

export type EventPage = { rows: EventRow[]; total: number; page: number; pageCount: number; pageSize: number };

export type EventDetail = EventRow & {
  request: { method: string; uri: string; headers: HeaderPair[]; body: string; isBodyTruncated: boolean };
  response: {
    status: number;
    reason: string;
    headers: HeaderPair[];
    body: string;
    isBodyTruncated: boolean;
  } | null;
  error: string | null;
  durationMs: number;
};
