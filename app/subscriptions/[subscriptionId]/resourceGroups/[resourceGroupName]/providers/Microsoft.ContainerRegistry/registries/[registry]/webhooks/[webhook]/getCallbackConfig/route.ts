/** POST ?api-version=...: { serviceUri, customHeaders } unmasked (Contributor; audited). */
export { armGetCallbackConfig as POST } from "@/lib/api/arm/webhook-routes";
