-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attempt" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestMethod" TEXT NOT NULL,
    "requestUri" TEXT NOT NULL,
    "requestHeaders" TEXT NOT NULL,
    "requestBody" TEXT NOT NULL,
    "requestBodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "responseStatus" INTEGER,
    "responseReason" TEXT,
    "responseHeaders" TEXT,
    "responseBody" TEXT,
    "responseBodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "webhookId" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Attempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Attempt" ("createdAt", "deliveryId", "durationMs", "error", "number", "requestBody", "requestBodyTruncated", "requestHeaders", "requestMethod", "requestUri", "responseBody", "responseBodyTruncated", "responseHeaders", "responseReason", "responseStatus", "seq") SELECT "createdAt", "deliveryId", "durationMs", "error", "number", "requestBody", "requestBodyTruncated", "requestHeaders", "requestMethod", "requestUri", "responseBody", "responseBodyTruncated", "responseHeaders", "responseReason", "responseStatus", "seq" FROM "Attempt";
DROP TABLE "Attempt";
ALTER TABLE "new_Attempt" RENAME TO "Attempt";
CREATE INDEX "Attempt_deliveryId_number_idx" ON "Attempt"("deliveryId", "number");
-- Backfill (written by hand): attempts recorded before these columns take their delivery's
-- webhook, and an outcome judged from what is stored. A failed attempt counts as retried when
-- its delivery went on (a later attempt, or still pending); that also counts a manual
-- Redeliver after a final failure as a retry, which the recorded outcome of new attempts does not.
UPDATE "Attempt" SET
  "webhookId" = COALESCE((SELECT d."webhookId" FROM "Delivery" d WHERE d."id" = "Attempt"."deliveryId"), ''),
  "outcome" = CASE
    WHEN "responseStatus" BETWEEN 200 AND 299 THEN 'delivered'
    WHEN EXISTS (SELECT 1 FROM "Delivery" d WHERE d."id" = "Attempt"."deliveryId"
                   AND ("Attempt"."number" < d."attemptCount" OR d."state" = 'pending')) THEN 'retried'
    ELSE 'failed'
  END;
CREATE INDEX "Attempt_webhookId_createdAt_outcome_responseStatus_durationMs_idx" ON "Attempt"("webhookId", "createdAt", "outcome", "responseStatus", "durationMs");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

