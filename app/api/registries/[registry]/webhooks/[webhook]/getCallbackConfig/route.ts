import { getCallbackConfigRoute } from "@/lib/api/webhook-resource";
import type { WebhookParams } from "@/lib/http/route-params";

/** POST: { serviceUri, customHeaders } unmasked (Contributor; audited). */
export const POST = (request: Request, { params }: { params: WebhookParams }) => getCallbackConfigRoute(request, params);
