-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "serviceUri" TEXT NOT NULL,
    "customHeaders" TEXT NOT NULL DEFAULT '[]',
    "serviceUriHash" TEXT NOT NULL DEFAULT '',
    "actions" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "scope" TEXT NOT NULL DEFAULT '',
    "payloadFormat" TEXT NOT NULL DEFAULT 'acr',
    "signingSecret" TEXT NOT NULL DEFAULT '',
    "previousSigningSecret" TEXT NOT NULL DEFAULT '',
    "previousSecretExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT NOT NULL DEFAULT '',
    "lastErrorAt" DATETIME,
    "disabledReason" TEXT NOT NULL DEFAULT '',
    "disabledAt" DATETIME,
    "location" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "Webhook_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Webhook" ("actions", "consecutiveFailures", "createdAt", "customHeaders", "disabledAt", "disabledReason", "id", "lastError", "lastErrorAt", "lastSuccessAt", "name", "payloadFormat", "previousSecretExpiresAt", "previousSigningSecret", "registryId", "scope", "serviceUri", "serviceUriHash", "signingSecret", "status", "updatedAt") SELECT "actions", "consecutiveFailures", "createdAt", "customHeaders", "disabledAt", "disabledReason", "id", "lastError", "lastErrorAt", "lastSuccessAt", "name", "payloadFormat", "previousSecretExpiresAt", "previousSigningSecret", "registryId", "scope", "serviceUri", "serviceUriHash", "signingSecret", "status", "updatedAt" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
CREATE UNIQUE INDEX "Webhook_registryId_name_key" ON "Webhook"("registryId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

