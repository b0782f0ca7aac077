/** GET ?range=24h|7d: the delivery chart's data, for the blade's live refresh. */
export { healthRoute as GET } from "@/lib/api/webhook-resource";
