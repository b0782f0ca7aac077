-- CreateTable
CREATE TABLE "TestReceiver" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'ok',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TestReceiverRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "receiverId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "isTruncated" BOOLEAN NOT NULL,
    "sourceAddress" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TestReceiverRequest_receiverId_fkey" FOREIGN KEY ("receiverId") REFERENCES "TestReceiver" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TestReceiver_expiresAt_idx" ON "TestReceiver"("expiresAt");

-- CreateIndex
CREATE INDEX "TestReceiverRequest_receiverId_id_idx" ON "TestReceiverRequest"("receiverId", "id");

