-- CreateIndex
CREATE INDEX "TagDigest_updatedAt_idx" ON "TagDigest"("updatedAt");

-- CreateIndex
CREATE INDEX "Delivery_registryEventId_idx" ON "Delivery"("registryEventId");

