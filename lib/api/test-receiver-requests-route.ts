import "server-only";
import { apiError, apiJson } from "../http/responses";
import { readTestReceiverRequests, receiverMissingMessage } from "../operations/test-receivers";
import { toRoute } from "./to-route";

/** GET /api/test-receivers/{id}/requests: what a receiver got, newest first, for its page's live table. */
export const testReceiverRequestsRoute = toRoute<{ id: string }>(readTestReceiverRequests, async ({ caller, params }) => {
  const result = await readTestReceiverRequests(caller, params.id);
  if (result.kind === "missing") return apiError(404, "ReceiverNotFound", receiverMissingMessage);
  return apiJson({ receiver: result.receiver, requests: result.requests });
});
