-- CreateTable
CREATE TABLE "TestReceiver" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'ok',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TestReceiver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestReceiverRequest" (
    "id" SERIAL NOT NULL,
    "receiverId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "isTruncated" BOOLEAN NOT NULL,
    "sourceAddress" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TestReceiverRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TestReceiver_expiresAt_idx" ON "TestReceiver"("expiresAt");

-- CreateIndex
CREATE INDEX "TestReceiverRequest_receiverId_id_idx" ON "TestReceiverRequest"("receiverId", "id");

-- AddForeignKey
ALTER TABLE "TestReceiverRequest" ADD CONSTRAINT "TestReceiverRequest_receiverId_fkey" FOREIGN KEY ("receiverId") REFERENCES "TestReceiver"("id") ON DELETE CASCADE ON UPDATE CASCADE;

