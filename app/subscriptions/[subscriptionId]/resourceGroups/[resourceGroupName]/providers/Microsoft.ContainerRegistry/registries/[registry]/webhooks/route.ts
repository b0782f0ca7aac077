/** ARM's list: GET ?api-version=...: { value: Webhook[], nextLink? } (README, "Azure SDK and ARM paths"). */
export { armListWebhooks as GET } from "@/lib/api/arm/webhook-routes";
