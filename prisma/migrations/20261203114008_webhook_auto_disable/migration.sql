-- The webhook's delivery health and the system's Disable (lib/db/webhook-outcomes.ts).
-- Added in place (each column has a default or is nullable) rather than by rebuilding the
-- table, so the columns of migrations before this one (payloadFormat) are kept as they are.
ALTER TABLE "Webhook" ADD COLUMN "consecutiveFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Webhook" ADD COLUMN "lastSuccessAt" DATETIME;
ALTER TABLE "Webhook" ADD COLUMN "lastError" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Webhook" ADD COLUMN "lastErrorAt" DATETIME;
ALTER TABLE "Webhook" ADD COLUMN "disabledReason" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Webhook" ADD COLUMN "disabledAt" DATETIME;
