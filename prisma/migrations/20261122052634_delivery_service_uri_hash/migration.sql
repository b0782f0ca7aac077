-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "registryEventId" INTEGER,
    "action" TEXT NOT NULL,
    "image" TEXT NOT NULL DEFAULT '',
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" REAL NOT NULL DEFAULT 0,
    "leaseUntil" REAL NOT NULL DEFAULT 0,
    "leaseOwner" TEXT NOT NULL DEFAULT '',
    "lastStatus" TEXT NOT NULL DEFAULT '',
    "serviceUriHash" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Delivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delivery_registryEventId_fkey" FOREIGN KEY ("registryEventId") REFERENCES "RegistryEvent" ("seq") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Delivery" ("action", "attemptCount", "createdAt", "id", "image", "lastStatus", "leaseOwner", "leaseUntil", "nextAttemptAt", "payload", "registryEventId", "seq", "state", "webhookId") SELECT "action", "attemptCount", "createdAt", "id", "image", "lastStatus", "leaseOwner", "leaseUntil", "nextAttemptAt", "payload", "registryEventId", "seq", "state", "webhookId" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE UNIQUE INDEX "Delivery_id_key" ON "Delivery"("id");
CREATE INDEX "Delivery_webhookId_seq_idx" ON "Delivery"("webhookId", "seq");
CREATE INDEX "Delivery_state_nextAttemptAt_idx" ON "Delivery"("state", "nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

