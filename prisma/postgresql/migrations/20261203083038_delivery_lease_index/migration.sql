-- CreateIndex
CREATE INDEX "Delivery_leaseUntil_webhookId_idx" ON "Delivery"("leaseUntil", "webhookId");

