import "server-only";
import { db } from "../db";
import { isPostgres } from "../db/kind";
import { pgPool } from "../db/postgres-pool";
import { postgresDeliveryHealth } from "../db/postgres/delivery-health";
import { sqliteDeliveryHealth } from "../db/sqlite/delivery-health";
import type { DeliveryHealthReads, LatestAttempt } from "../db/store-contracts";
import { rawDb } from "../db-raw";
import { httpStatusText } from "./http-status";
import { HOURS_IN_RANGE, type AttemptOutcomeText, type DeliveryHealth, type HealthHour, type HealthRange, type WebhookHealthSummary } from "./health-types";

const HOUR_MS = 60 * 60 * 1000;

/** One dialect's health SQL (lib/db/<kind>/delivery-health.ts). */
const reads = (): DeliveryHealthReads => (isPostgres ? postgresDeliveryHealth(pgPool) : sqliteDeliveryHealth(rawDb));

/**
 * Where a range starts: buckets are whole UTC hours (the portal shows every time in UTC), so
 * "24 h" is the current hour, still filling, and the 23 before it.
 */
export const rangeStart = (range: HealthRange, now: Date) =>
  new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (HOURS_IN_RANGE[range] - 1) * HOUR_MS);

/** The key SQL groups by: "YYYY-MM-DDTHH" of a UTC hour. */
const hourKey = (start: number) => new Date(start).toISOString().slice(0, 13);

/** Attempts recorded before outcomes were (or with one we do not know) count as failed. */
const outcomeOf = (outcome: string): AttemptOutcomeText => (outcome === "delivered" || outcome === "retried" ? outcome : "failed");

/** A webhook's attempts per UTC hour over `range`, every hour present (zeros where none). */
export const getDeliveryHealth = async (webhookId: string, range: HealthRange, now = new Date()): Promise<DeliveryHealth> => {
  const since = rangeStart(range, now);
  const [outcomes, times] = await Promise.all([reads().hourlyOutcomes(webhookId, since), reads().hourlyResponseTimes(webhookId, since)]);
  const hours = new Map<string, HealthHour>();
  for (let index = 0; index < HOURS_IN_RANGE[range]; index += 1) {
    const start = since.getTime() + index * HOUR_MS;
    hours.set(hourKey(start), { start: new Date(start).toISOString(), delivered: 0, retried: 0, failed: 0, p50: null, p95: null });
  }
  for (const { hour, outcome, count } of outcomes) {
    const bucket = hours.get(hour);
    if (bucket) bucket[outcomeOf(outcome)] += Number(count);
  }
  for (const { hour, p50, p95 } of times) {
    const bucket = hours.get(hour);
    if (bucket) Object.assign(bucket, { p50: Number(p50), p95: Number(p95) });
  }
  return { range, hours: [...hours.values()] };
};

const lastAttemptOf = (attempt: LatestAttempt | undefined): WebhookHealthSummary["lastAttempt"] =>
  attempt ? { at: attempt.createdAt.toISOString(), outcome: outcomeOf(attempt.outcome), httpStatus: httpStatusText(attempt) } : null;

/**
 * The list's "Last delivery" and "Success (24 h)" of the webhooks on one page (by id): two
 * queries whatever the page size, each probing the attempts index once per webhook.
 */
export const getHealthSummaries = async (webhookIds: string[], now = new Date()): Promise<Map<string, WebhookHealthSummary>> => {
  if (webhookIds.length === 0) return new Map();
  const [tallies, latest] = await Promise.all([reads().tallies(webhookIds, rangeStart("24h", now)), reads().latestAttempts(webhookIds)]);
  const tallyOf = new Map(tallies.map((tally) => [tally.webhookId, tally]));
  const latestOf = new Map(latest.map((attempt) => [attempt.webhookId, attempt]));
  return new Map(
    webhookIds.map((id) => [
      id,
      { lastAttempt: lastAttemptOf(latestOf.get(id)), attempts: Number(tallyOf.get(id)?.attempts ?? 0), delivered: Number(tallyOf.get(id)?.delivered ?? 0) },
    ]),
  );
};

/** The health columns of a list page, by webhook name (the list shows names, not ids). */
export const getHealthByName = async (registryName: string, names: string[], now = new Date()): Promise<Record<string, WebhookHealthSummary>> => {
  if (names.length === 0) return {};
  const rows = await db.webhook.findMany({ where: { registry: { name: registryName }, name: { in: names } }, select: { id: true, name: true } });
  const summaries = await getHealthSummaries(rows.map((row) => row.id), now);
  return Object.fromEntries(rows.map((row) => [row.name, summaries.get(row.id)!]));
};
