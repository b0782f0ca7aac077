import "server-only";
import type pg from "pg";
import type { AttemptTally, DeliveryHealthReads, HealthHourRow } from "../store-contracts";
import { BUCKET_COLUMNS, toHealthHourRow } from "../health-rollup";

// PostgreSQL's side of lib/events/health.ts: the hourly rollup by its primary key. Times are
// timestamp(3) without time zone holding UTC: they go as ISO strings and come back as epoch ms.

const COLUMNS = `"webhookId", (EXTRACT(EPOCH FROM "hourStart") * 1000)::float8 AS "hourStartMs", "delivered", "retried", "failed", "responded",
  ${BUCKET_COLUMNS.map((column) => `"${column}"`).join(", ")}, "maxDurationMs",
  (EXTRACT(EPOCH FROM "latestAt") * 1000)::float8 AS "latestAtMs", "latestOutcome", "latestStatus"`;

const HOURS = `SELECT ${COLUMNS} FROM "WebhookHealthHour"
               WHERE "webhookId" = ANY($1::text[]) AND "hourStart" >= $2::timestamp(3) ORDER BY "webhookId", "hourStart"`;
const TALLIES = `SELECT "webhookId", SUM("delivered" + "retried" + "failed")::int AS "attempts", SUM("delivered")::int AS "delivered"
                 FROM "WebhookHealthHour" WHERE "webhookId" = ANY($1::text[]) AND "hourStart" >= $2::timestamp(3) GROUP BY "webhookId"`;
// One backward primary-key scan per webhook, stopped at its newest hour.
const NEWEST = `SELECT "newest".* FROM unnest($1::text[]) AS w("id") CROSS JOIN LATERAL (
                  SELECT ${COLUMNS} FROM "WebhookHealthHour" WHERE "webhookId" = w."id" ORDER BY "hourStart" DESC LIMIT 1) AS "newest"`;

type StoredRow = Record<string, string | number>;

const toRow = (row: StoredRow): HealthHourRow => toHealthHourRow(row, new Date(Number(row.hourStartMs)), new Date(Number(row.latestAtMs)));

export const postgresDeliveryHealth = (pool: () => pg.Pool): DeliveryHealthReads => ({
  hours: async (webhookIds, since) => (await pool().query<StoredRow>(HOURS, [webhookIds, since.toISOString()])).rows.map(toRow),
  tallies: async (webhookIds, since) => (await pool().query<AttemptTally>(TALLIES, [webhookIds, since.toISOString()])).rows,
  newest: async (webhookIds) => (await pool().query<StoredRow>(NEWEST, [webhookIds])).rows.map(toRow),
});
