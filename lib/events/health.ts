import "server-only";
import { db } from "../db";
import { isPostgres } from "../db/kind";
import { pgPool } from "../db/postgres-pool";
import { postgresDeliveryHealth } from "../db/postgres/delivery-health";
import { sqliteDeliveryHealth } from "../db/sqlite/delivery-health";
import type { DeliveryHealthReads, HealthHourRow } from "../db/store-contracts";
import { DURATION_BOUNDS_MS, HOUR_MS } from "../db/health-rollup";
import { rawDb } from "../db-raw";
import { HOURS_IN_RANGE, type AttemptOutcomeText, type DeliveryHealth, type HealthHour, type HealthRange, type WebhookHealthSummary } from "./health-types";

/** One dialect's health SQL (lib/db/<kind>/delivery-health.ts). */
const reads = (): DeliveryHealthReads => (isPostgres ? postgresDeliveryHealth(pgPool) : sqliteDeliveryHealth(rawDb));

/**
 * Where a range starts: buckets are whole UTC hours (the portal shows every time in UTC), so
 * "24 h" is the current hour, still filling, and the 23 before it.
 */
export const rangeStart = (range: HealthRange, now: Date) =>
  new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (HOURS_IN_RANGE[range] - 1) * HOUR_MS);

/** Outcomes we do not know count as failed. */
const outcomeOf = (outcome: string): AttemptOutcomeText => (outcome === "delivered" || outcome === "retried" ? outcome : "failed");

/**
 * A percentile read from an hour's response-time buckets: the nearest rank (the ceil(p n)-th
 * of n sorted times) is located in its bucket, and the answer is that bucket's upper bound,
 * capped at the hour's slowest response (so the +Inf bucket, and an hour whose times all sit
 * low in a bucket, report the measured maximum). Approximate by design: "p95 ≤ 250 ms" is what
 * the buckets can tell; no interpolation inside a bucket.
 */
export const percentileFromBuckets = (buckets: readonly number[], maxMs: number, percent: number): number | null => {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil((total * percent) / 100);
  let seen = 0;
  for (let index = 0; index < buckets.length; index += 1) {
    seen += buckets[index];
    if (seen >= rank) return Math.min(DURATION_BOUNDS_MS[index] ?? maxMs, maxMs);
  }
  return maxMs;
};

/** A webhook's attempts per UTC hour over `range`, every hour present (zeros where none). */
export const getDeliveryHealth = async (webhookId: string, range: HealthRange, now = new Date()): Promise<DeliveryHealth> => {
  const since = rangeStart(range, now);
  const rows = new Map((await reads().hours([webhookId], since)).map((row) => [row.hourStart.getTime(), row]));
  const hours: HealthHour[] = [];
  for (let index = 0; index < HOURS_IN_RANGE[range]; index += 1) {
    const start = since.getTime() + index * HOUR_MS;
    const row = rows.get(start);
    hours.push({
      start: new Date(start).toISOString(),
      delivered: row?.delivered ?? 0,
      retried: row?.retried ?? 0,
      failed: row?.failed ?? 0,
      p50: row ? percentileFromBuckets(row.buckets, row.maxDurationMs, 50) : null,
      p95: row ? percentileFromBuckets(row.buckets, row.maxDurationMs, 95) : null,
    });
  }
  return { range, hours };
};

const lastAttemptOf = (row: HealthHourRow | undefined): WebhookHealthSummary["lastAttempt"] =>
  row ? { at: row.latestAt.toISOString(), outcome: outcomeOf(row.latestOutcome), httpStatus: row.latestStatus } : null;

/**
 * The list's "Last delivery" and "Success (24 h)" of the webhooks on one page (by id): two
 * rollup reads whatever the page size: their last 24 hours summed in SQL (at most 24 rows per
 * webhook; ~0.6 ms for 50 busy webhooks on SQLite, against ~9 ms to hand the 1,200 rows to
 * Node) and one newest-row probe per webhook.
 */
export const getHealthSummaries = async (webhookIds: string[], now = new Date()): Promise<Map<string, WebhookHealthSummary>> => {
  if (webhookIds.length === 0) return new Map();
  const [tallies, newest] = await Promise.all([reads().tallies(webhookIds, rangeStart("24h", now)), reads().newest(webhookIds)]);
  const summaries = new Map<string, WebhookHealthSummary>(webhookIds.map((id) => [id, { lastAttempt: null, attempts: 0, delivered: 0 }]));
  for (const { webhookId, attempts, delivered } of tallies) {
    const summary = summaries.get(webhookId);
    if (summary) Object.assign(summary, { attempts: Number(attempts), delivered: Number(delivered) });
  }
  for (const row of newest) {
    const summary = summaries.get(row.webhookId);
    if (summary) summary.lastAttempt = lastAttemptOf(row);
  }
  return summaries;
};

/** The health columns of a list page, by webhook name (the list shows names, not ids). */
export const getHealthByName = async (registryName: string, names: string[], now = new Date()): Promise<Record<string, WebhookHealthSummary>> => {
  if (names.length === 0) return {};
  const rows = await db.webhook.findMany({ where: { registry: { name: registryName }, name: { in: names } }, select: { id: true, name: true } });
  const summaries = await getHealthSummaries(rows.map((row) => row.id), now);
  return Object.fromEntries(rows.map((row) => [row.name, summaries.get(row.id)!]));
};
