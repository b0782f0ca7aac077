import "server-only";
import type Database from "better-sqlite3";
import type { AttemptTally, DeliveryHealthReads, HealthHourRow } from "../store-contracts";
import { preparedStatements, sqlDate } from "../../db-raw";
import { BUCKET_COLUMNS, toHealthHourRow } from "../health-rollup";

// SQLite's side of lib/events/health.ts: the hourly rollup by its primary key. "hourStart" and
// "latestAt" are ISO text in UTC (lib/db-raw.ts's sqlDate), so text order is time order.

const COLUMNS = `"webhookId", "hourStart", "delivered", "retried", "failed", "responded",
  ${BUCKET_COLUMNS.map((column) => `"${column}"`).join(", ")}, "maxDurationMs", "latestAt", "latestOutcome", "latestStatus"`;

type StoredRow = Record<string, string | number>;

const toRow = (row: StoredRow): HealthHourRow => toHealthHourRow(row, new Date(String(row.hourStart)), new Date(String(row.latestAt)));

export const sqliteDeliveryHealth = (connection: () => Database.Database): DeliveryHealthReads => {
  const statements = preparedStatements({
    hours: `SELECT ${COLUMNS} FROM "WebhookHealthHour"
            WHERE "webhookId" IN (SELECT "value" FROM json_each(?)) AND "hourStart" >= ? ORDER BY "webhookId", "hourStart"`,
    tallies: `SELECT "webhookId", SUM("delivered" + "retried" + "failed") AS "attempts", SUM("delivered") AS "delivered"
              FROM "WebhookHealthHour" WHERE "webhookId" IN (SELECT "value" FROM json_each(?)) AND "hourStart" >= ? GROUP BY "webhookId"`,
    // One primary-key probe per webhook: its newest hour.
    newest: `SELECT ${COLUMNS} FROM json_each(?) AS w JOIN "WebhookHealthHour" h ON h."webhookId" = w."value"
             AND h."hourStart" = (SELECT MAX("hourStart") FROM "WebhookHealthHour" WHERE "webhookId" = w."value")`,
  }, connection);
  return {
    hours: async (webhookIds, since) => (statements().hours.all(JSON.stringify(webhookIds), sqlDate(since)) as StoredRow[]).map(toRow),
    tallies: async (webhookIds, since) => statements().tallies.all(JSON.stringify(webhookIds), sqlDate(since)) as AttemptTally[],
    newest: async (webhookIds) => (statements().newest.all(JSON.stringify(webhookIds)) as StoredRow[]).map(toRow),
  };
};
