-- ARM's location and tags of a webhook (lib/webhooks/arm-attributes.ts). Added in place: a
-- rebuilt Webhook table would drop columns other migrations add beside these.
ALTER TABLE "Webhook" ADD COLUMN "location" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Webhook" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '{}';
