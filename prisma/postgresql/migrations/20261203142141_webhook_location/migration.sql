-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "location" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "tags" TEXT NOT NULL DEFAULT '{}';

