/** POST ?api-version=...: { value: Event[], nextLink? }; GET follows nextLink (the SDK GETs it). */
export { armListEvents as POST, armListEvents as GET } from "@/lib/api/arm/webhook-routes";
