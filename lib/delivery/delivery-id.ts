import { randomUUID } from "node:crypto";

/**
 * A new event's id (the payload's "id", the Event ID column): a UUID version 7 (RFC 9562),
 * whose first 48 bits are the time in milliseconds and the other 74 random.
 *
 * Why not version 4: the Delivery table's unique index on "id" and Attempt's index on
 * ("deliveryId", "number") take one entry per event. Random ids land on a different B-tree
 * page each time, so one 50-event envelope for 5 webhooks dirtied about 250 pages and the WAL
 * grew by a megabyte per commit; time-ordered ids fill the last pages in turn. Measured on
 * SQLite with 500,000 deliveries already stored: 62 µs per stored delivery with version 4,
 * 22 µs with version 7. Receivers see a UUID as before (ACR's ids are opaque GUIDs).
 */
export const newDeliveryId = (now = Date.now()): string => {
  // randomUUID() gives version 4's layout with 122 random bits from Node's entropy cache:
  // keep its random parts and its variant, put the time first and the version 7 in.
  const random = randomUUID();
  const time = now.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
};
