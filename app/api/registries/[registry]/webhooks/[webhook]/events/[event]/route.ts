import { apiError, apiJson } from "@/lib/http/responses";
import { findRegistryWebhook } from "@/lib/api/webhook-resource";
import { authorizeRequest } from "@/lib/auth/request-auth";
import { getEventDetail } from "@/lib/events/queries";
import { eventMissingMessage } from "@/lib/webhooks/operations";
import { readWebhookParams, type WebhookParams } from "@/lib/http/route-params";

type Params = { params: Promise<Awaited<WebhookParams> & { event: string }> };

/** GET: one event's full request and response. */
export const GET = async (request: Request, { params }: Params) => {
  const authorized = await authorizeRequest(request, "reader");
  if (!authorized.ok) return authorized.response;
  const { registry, webhook: name } = await readWebhookParams(params);
  const found = await findRegistryWebhook(registry, name);
  if (!found.ok) return found.response;
  const { event: eventId } = await params;
  const event = await getEventDetail(found.webhook.id, eventId);
  if (!event) return apiError(404, "EventNotFound", eventMissingMessage(eventId, name));
  return apiJson(event);
};
