/** POST: { serviceUri, customHeaders } unmasked (Contributor; audited). */
export { getCallbackConfigRoute as POST } from "@/lib/api/webhook-resource";
