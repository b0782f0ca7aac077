import "server-only";
import type Database from "better-sqlite3";
import type { AttemptTally, DeliveryHealthReads, HourOutcomeCount, HourResponseTimes } from "../store-contracts";
import { preparedStatements, sqlDate } from "../../db-raw";
import { responseTimesByHour } from "../health-sql";

// SQLite's side of lib/events/health.ts. "createdAt" is ISO text in UTC (lib/db-raw.ts's
// sqlDate), so its first 13 characters name the UTC hour and text order is time order.

const HOUR = `substr("createdAt", 1, 13)`;

type LatestRow = { webhookId: string; createdAt: string; outcome: string; responseStatus: number | null; responseReason: string | null; error: string | null };

export const sqliteDeliveryHealth = (connection: () => Database.Database): DeliveryHealthReads => {
  const statements = preparedStatements({
    outcomes: `SELECT ${HOUR} AS "hour", "outcome", COUNT(*) AS "count" FROM "Attempt"
               WHERE "webhookId" = ? AND "createdAt" >= ? GROUP BY 1, 2`,
    responseTimes: responseTimesByHour(HOUR, "?", "?"),
    tallies: `SELECT "webhookId", COUNT(*) AS "attempts", SUM("outcome" = 'delivered') AS "delivered" FROM "Attempt"
              WHERE "webhookId" IN (SELECT "value" FROM json_each(?)) AND "createdAt" >= ? GROUP BY "webhookId"`,
    // One index probe per webhook (its newest entry), then the row by rowid.
    latest: `SELECT "webhookId", "createdAt", "outcome", "responseStatus", "responseReason", "error" FROM "Attempt"
             WHERE "seq" IN (SELECT (SELECT "seq" FROM "Attempt" WHERE "webhookId" = w."value" ORDER BY "createdAt" DESC, "seq" DESC LIMIT 1)
                             FROM json_each(?) AS w)`,
  }, connection);
  return {
    hourlyOutcomes: async (webhookId, since) => statements().outcomes.all(webhookId, sqlDate(since)) as HourOutcomeCount[],
    hourlyResponseTimes: async (webhookId, since) => statements().responseTimes.all(webhookId, sqlDate(since)) as HourResponseTimes[],
    tallies: async (webhookIds, since) => statements().tallies.all(JSON.stringify(webhookIds), sqlDate(since)) as AttemptTally[],
    latestAttempts: async (webhookIds) =>
      (statements().latest.all(JSON.stringify(webhookIds)) as LatestRow[]).map((row) => ({ ...row, createdAt: new Date(row.createdAt) })),
  };
};
