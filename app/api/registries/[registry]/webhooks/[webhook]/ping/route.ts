import { pingWebhookRoute } from "@/lib/api/webhook-resource";
import type { WebhookParams } from "@/lib/http/route-params";

/** POST: sends a ping now; { id } of its event. 429 with Retry-After past 5 a minute. */
export const POST = (request: Request, { params }: { params: WebhookParams }) => pingWebhookRoute(request, params);
