-- CreateTable
CREATE TABLE "WebhookHealthHour" (
    "webhookId" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "retried" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "responded" INTEGER NOT NULL DEFAULT 0,
    "le10" INTEGER NOT NULL DEFAULT 0,
    "le25" INTEGER NOT NULL DEFAULT 0,
    "le50" INTEGER NOT NULL DEFAULT 0,
    "le100" INTEGER NOT NULL DEFAULT 0,
    "le250" INTEGER NOT NULL DEFAULT 0,
    "le500" INTEGER NOT NULL DEFAULT 0,
    "le1000" INTEGER NOT NULL DEFAULT 0,
    "le2500" INTEGER NOT NULL DEFAULT 0,
    "le5000" INTEGER NOT NULL DEFAULT 0,
    "le10000" INTEGER NOT NULL DEFAULT 0,
    "leInf" INTEGER NOT NULL DEFAULT 0,
    "maxDurationMs" INTEGER NOT NULL DEFAULT 0,
    "latestAt" DATETIME NOT NULL,
    "latestOutcome" TEXT NOT NULL,
    "latestStatus" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("webhookId", "hourStart"),
    CONSTRAINT "WebhookHealthHour_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WebhookHealthHour_hourStart_idx" ON "WebhookHealthHour"("hourStart");

