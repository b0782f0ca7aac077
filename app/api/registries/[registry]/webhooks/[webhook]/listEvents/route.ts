import { listEventsRoute } from "@/lib/api/webhook-resource";
import type { WebhookParams } from "@/lib/http/route-params";

/** POST [?page=N]: { value: Event[], nextLink? }, newest first, 25 a page. */
export const POST = (request: Request, { params }: { params: WebhookParams }) => listEventsRoute(request, params);
