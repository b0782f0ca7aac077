-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "payloadFormat" TEXT NOT NULL DEFAULT 'acr';

