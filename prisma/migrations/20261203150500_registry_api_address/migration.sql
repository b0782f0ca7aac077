-- The registry's /v2/ API address and credentials, read by the scope preview
-- (lib/registry-api/). Added in place (each column has a default) rather than by rebuilding
-- the table, so the Registry rows and the rows that reference them stay as they are.
ALTER TABLE "Registry" ADD COLUMN "apiAddress" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Registry" ADD COLUMN "apiUsername" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Registry" ADD COLUMN "apiPassword" TEXT NOT NULL DEFAULT '';
