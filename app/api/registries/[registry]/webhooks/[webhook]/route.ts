import {
  deleteWebhookRoute,
  getWebhookRoute,
  patchWebhookRoute,
  putWebhookRoute,
} from "@/lib/api/webhook-resource";
import type { WebhookParams } from "@/lib/http/route-params";

type Context = { params: WebhookParams };

/** GET: the webhook, without its service URI and custom headers (write-only). */
export const GET = (request: Request, { params }: Context) => getWebhookRoute(request, params);

/** PUT { properties }: creates the webhook (201) or replaces its writable properties (200). */
export const PUT = (request: Request, { params }: Context) => putWebhookRoute(request, params);

/** PATCH { properties }: changes the given properties only. */
export const PATCH = (request: Request, { params }: Context) => patchWebhookRoute(request, params);

/** DELETE: 200 when deleted, 204 when there was nothing to delete. */
export const DELETE = (request: Request, { params }: Context) => deleteWebhookRoute(request, params);
