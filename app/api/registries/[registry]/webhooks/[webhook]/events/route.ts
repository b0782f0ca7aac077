import { apiError, apiJson } from "@/lib/api/responses";
import { authorizeRequest } from "@/lib/auth/request-auth";
import { listEvents } from "@/lib/events/queries";
import { findWebhookRow } from "@/lib/webhooks/queries";
import { readWebhookParams, type WebhookParams } from "@/lib/webhooks/route-params";

/** GET ?page=N: one page of the events table, for the blade's live refresh. */
export const GET = async (request: Request, { params }: { params: WebhookParams }) => {
  const authorized = await authorizeRequest(request, "reader");
  if (!authorized.ok) return authorized.response;
  const { registry, webhook: name } = await readWebhookParams(params);
  const webhook = await findWebhookRow(registry, name);
  if (!webhook) return apiError(404, "WebhookNotFound", `Webhook "${name}" does not exist in ${registry}.`);
  const pageText = new URL(request.url).searchParams.get("page") ?? "1";
  if (!/^[1-9][0-9]{0,6}$/.test(pageText)) {
    return apiError(400, "InvalidPage", "page must be a whole number from 1 upwards.");
  }
  return apiJson(await listEvents(webhook.id, Number(pageText)));
};
