-- AlterTable
ALTER TABLE "Registry" ADD COLUMN     "apiAddress" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "apiPassword" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "apiUsername" TEXT NOT NULL DEFAULT '';

