-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastError" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastErrorAt" TIMESTAMP(3),
ADD COLUMN     "lastSuccessAt" TIMESTAMP(3);

