import { INVALID_PAGE_MESSAGE, parsePage } from "@/lib/api/page-param";
import { apiError, apiJson } from "@/lib/http/responses";
import { findRegistryWebhook } from "@/lib/api/webhook-resource";
import { authorizeRequest } from "@/lib/auth/request-auth";
import { listEvents } from "@/lib/events/queries";
import { readWebhookParams, type WebhookParams } from "@/lib/http/route-params";

/** GET ?page=N: one page of the events table, for the blade's live refresh. */
export const GET = async (request: Request, { params }: { params: WebhookParams }) => {
  const authorized = await authorizeRequest(request, "reader");
  if (!authorized.ok) return authorized.response;
  const { registry, webhook: name } = await readWebhookParams(params);
  // The public fields only: polling never decrypts the service URI or headers.
  const found = await findRegistryWebhook(registry, name);
  if (!found.ok) return found.response;
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  if (page === null) return apiError(400, "InvalidPage", INVALID_PAGE_MESSAGE);
  return apiJson(await listEvents(found.webhook.id, page));
};
