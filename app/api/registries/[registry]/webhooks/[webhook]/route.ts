// GET: the webhook, without its service URI and custom headers (write-only).
// PUT { properties }: creates the webhook (201) or replaces its writable properties (200).
// PATCH { properties }: changes the given properties only.
// DELETE: 200 when deleted, 204 when there was nothing to delete.
export {
  getWebhookRoute as GET,
  putWebhookRoute as PUT,
  patchWebhookRoute as PATCH,
  deleteWebhookRoute as DELETE,
} from "@/lib/api/webhook-resource";
