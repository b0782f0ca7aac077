import { listWebhooksRoute } from "@/lib/api/webhook-resource";
import type { RegistryParams } from "@/lib/http/route-params";

/** GET: the registry's webhooks, { value: Webhook[] } (ARM's list). */
export const GET = (request: Request, { params }: { params: RegistryParams }) => listWebhooksRoute(request, params);
