import type { ReceiverMode } from "./schema";

/** A receiver as the Test receivers page lists it. */
export type ReceiverSummary = {
  id: string;
  name: string;
  mode: ReceiverMode;
  url: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
};

/** One request a receiver got, as its page shows it. */
export type ReceivedRequest = {
  id: number;
  method: string;
  query: string;
  headers: [string, string][];
  body: string;
  isTruncated: boolean;
  sourceAddress: string;
  receivedAt: string;
};
