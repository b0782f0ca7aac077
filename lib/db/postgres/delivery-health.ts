import "server-only";
import type pg from "pg";
import type { AttemptTally, DeliveryHealthReads, HourOutcomeCount, HourResponseTimes, LatestAttempt } from "../store-contracts";
import { responseTimesByHour } from "../health-sql";

// PostgreSQL's side of lib/events/health.ts. "createdAt" is a timestamp(3) without time zone
// holding UTC: times go as ISO strings, and the hour is formatted as SQLite's text gives it.
// Counts come back as bigint, which pg hands over as strings.

const HOUR = `to_char("createdAt", 'YYYY-MM-DD"T"HH24')`;

const OUTCOMES = `SELECT ${HOUR} AS "hour", "outcome", COUNT(*)::int AS "count" FROM "Attempt"
                  WHERE "webhookId" = $1 AND "createdAt" >= $2::timestamp(3) GROUP BY 1, 2`;
const RESPONSE_TIMES = `SELECT "hour", "responses"::int, "p50", "p95" FROM (${responseTimesByHour(HOUR, "$1", "$2::timestamp(3)")}) AS "times"`;
const TALLIES = `SELECT "webhookId", COUNT(*)::int AS "attempts", COUNT(*) FILTER (WHERE "outcome" = 'delivered')::int AS "delivered"
                 FROM "Attempt" WHERE "webhookId" = ANY($1::text[]) AND "createdAt" >= $2::timestamp(3) GROUP BY "webhookId"`;
// One backward index scan per webhook, stopped at its newest attempt.
const LATEST = `SELECT "latest".* FROM unnest($1::text[]) AS w("id") CROSS JOIN LATERAL (
                  SELECT "webhookId", (EXTRACT(EPOCH FROM "createdAt") * 1000)::float8 AS "createdAtMs", "outcome",
                         "responseStatus", "responseReason", "error"
                  FROM "Attempt" WHERE "webhookId" = w."id" ORDER BY "createdAt" DESC, "seq" DESC LIMIT 1) AS "latest"`;

type LatestRow = Omit<LatestAttempt, "createdAt"> & { createdAtMs: number };

export const postgresDeliveryHealth = (pool: () => pg.Pool): DeliveryHealthReads => ({
  hourlyOutcomes: async (webhookId, since) => (await pool().query<HourOutcomeCount>(OUTCOMES, [webhookId, since.toISOString()])).rows,
  hourlyResponseTimes: async (webhookId, since) => (await pool().query<HourResponseTimes>(RESPONSE_TIMES, [webhookId, since.toISOString()])).rows,
  tallies: async (webhookIds, since) => (await pool().query<AttemptTally>(TALLIES, [webhookIds, since.toISOString()])).rows,
  latestAttempts: async (webhookIds) =>
    (await pool().query<LatestRow>(LATEST, [webhookIds])).rows.map(({ createdAtMs, ...row }) => ({ ...row, createdAt: new Date(createdAtMs) })),
});
