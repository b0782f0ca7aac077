// The response-time percentiles of lib/events/health.ts, in SQL both dialects run (window
// functions; SQLite has no percentile function). Nearest rank: of n sorted response times, p50
// is the ceil(0.5 n)-th and p95 the ceil(0.95 n)-th, always a time that was measured. The
// integer form of ceil(p n) is (p * n + 99) / 100 with p in percent.

/** Per `hour` expression, the attempts with a response of webhook `webhookParam` since `sinceParam`. */
export const responseTimesByHour = (hour: string, webhookParam: string, sinceParam: string) =>
  `SELECT "hour", MAX("total") AS "responses",
          MAX(CASE WHEN "rank" = ("total" * 50 + 99) / 100 THEN "durationMs" END) AS "p50",
          MAX(CASE WHEN "rank" = ("total" * 95 + 99) / 100 THEN "durationMs" END) AS "p95"
   FROM (SELECT ${hour} AS "hour", "durationMs",
                ROW_NUMBER() OVER (PARTITION BY ${hour} ORDER BY "durationMs") AS "rank",
                COUNT(*) OVER (PARTITION BY ${hour}) AS "total"
         FROM "Attempt"
         WHERE "webhookId" = ${webhookParam} AND "createdAt" >= ${sinceParam} AND "responseStatus" IS NOT NULL) AS "ranked"
   GROUP BY "hour"`;
