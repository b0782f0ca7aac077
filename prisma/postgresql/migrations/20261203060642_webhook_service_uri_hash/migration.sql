-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "serviceUriHash" TEXT NOT NULL DEFAULT '';

