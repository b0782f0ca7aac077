-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "outcome" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "webhookId" TEXT NOT NULL DEFAULT '';

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

-- CreateIndex
CREATE INDEX "Attempt_webhookId_createdAt_outcome_responseStatus_duration_idx" ON "Attempt"("webhookId", "createdAt", "outcome", "responseStatus", "durationMs");

