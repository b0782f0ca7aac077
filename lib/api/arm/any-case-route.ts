import "server-only";
import { apiError } from "../../http/responses";
import { parseArmPath, type ArmTarget, type ArmWebhookParams } from "./arm-path";
import {
  armDeleteWebhook,
  armGetCallbackConfig,
  armGetWebhook,
  armListEvents,
  armListWebhooks,
  armPatchWebhook,
  armPingWebhook,
  armPutWebhook,
} from "./webhook-routes";

// ARM matches its fixed path segments ignoring case (`resourcegroups`,
// `microsoft.containerregistry`), Next.js's routes do not. Paths spelled otherwise than the
// routes under app/subscriptions/ fall through to a catch-all that re-exports these: they
// parse the path ignoring case and run the same handler in-process. (A rewrite in proxy.ts
// was tried first: behind a TLS-ending proxy, X-Forwarded-Proto makes Next.js take the
// rewritten URL for another origin and proxy it over the network.)

/** Every handler takes these (the list's ignores `webhook`). */
type Handler = (request: Request, context: { params: Promise<ArmWebhookParams> }) => Promise<Response>;

const HANDLERS: Record<ArmTarget, Partial<Record<string, Handler>>> = {
  webhooks: { GET: armListWebhooks },
  webhook: { GET: armGetWebhook, PUT: armPutWebhook, PATCH: armPatchWebhook, DELETE: armDeleteWebhook },
  ping: { POST: armPingWebhook },
  listEvents: { POST: armListEvents, GET: armListEvents },
  getCallbackConfig: { POST: armGetCallbackConfig },
};

const anyCase = async (request: Request): Promise<Response> => {
  const found = parseArmPath(new URL(request.url).pathname);
  if (!found) {
    return apiError(404, "NotFound", "This portal answers only Microsoft.ContainerRegistry/registries/webhooks paths under /subscriptions/.");
  }
  const handler = HANDLERS[found.target][request.method];
  if (!handler) {
    const allow = Object.keys(HANDLERS[found.target]).join(", ");
    return apiError(405, "MethodNotAllowed", `${request.method} is not accepted here; send ${allow}.`, undefined, { Allow: allow });
  }
  return handler(request, { params: Promise.resolve({ webhook: "", ...found.params }) });
};

export { anyCase as GET, anyCase as PUT, anyCase as PATCH, anyCase as DELETE, anyCase as POST };
