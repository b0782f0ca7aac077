import { apiError, apiJson } from "@/lib/api/responses";
import { authorizeRequest } from "@/lib/auth/request-auth";
import { getEventDetail } from "@/lib/events/queries";
import { findWebhookRow } from "@/lib/webhooks/queries";
import { readWebhookParams, type WebhookParams } from "@/lib/webhooks/route-params";

type Params = { params: Promise<Awaited<WebhookParams> & { event: string }> };

/** GET: one event's full request and response. */
export const GET = async (request: Request, { params }: Params) => {
  const authorized = await authorizeRequest(request, "reader");
  if (!authorized.ok) return authorized.response;
  const { registry, webhook: name } = await readWebhookParams(params);
  const webhook = await findWebhookRow(registry, name);
  if (!webhook) return apiError(404, "WebhookNotFound", `Webhook "${name}" does not exist in ${registry}.`);
  const { event: eventId } = await params;
  const event = await getEventDetail(webhook.id, eventId);
  if (!event) return apiError(404, "EventNotFound", `Event "${eventId}" does not exist for webhook ${name}.`);
  return apiJson(event);
};
