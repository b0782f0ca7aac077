-- CreateTable
CREATE TABLE "Registry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serviceUri" TEXT NOT NULL,
    "customHeaders" TEXT NOT NULL DEFAULT '[]',
    "actions" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "scope" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webhook_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "image" TEXT NOT NULL DEFAULT '',
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
    CONSTRAINT "WebhookEvent_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Registry_name_key" ON "Registry"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Webhook_registryId_name_key" ON "Webhook"("registryId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_id_key" ON "WebhookEvent"("id");

-- CreateIndex
CREATE INDEX "WebhookEvent_webhookId_seq_idx" ON "WebhookEvent"("webhookId", "seq");

