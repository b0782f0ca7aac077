// URLs mirror the Azure resource path: /registries/{registry}/webhooks/{webhook}.
const segment = encodeURIComponent;

export const webhooksPath = (registry: string) => `/registries/${segment(registry)}/webhooks`;
export const newWebhookPath = (registry: string) => `${webhooksPath(registry)}/new`;
export const webhookPath = (registry: string, webhook: string) => `${webhooksPath(registry)}/${segment(webhook)}`;
export const configureWebhookPath = (registry: string, webhook: string) =>
  `${webhookPath(registry, webhook)}/configure`;
export const eventsApiPath = (registry: string, webhook: string) =>
  `/api${webhookPath(registry, webhook)}/events`;
/** The delivery chart's data: GET ?range=24h|7d. */
export const healthApiPath = (registry: string, webhook: string) =>
  `/api${webhookPath(registry, webhook)}/health`;
/** The webhook forms' scope preview: GET ?scope=... */
export const scopePreviewApiPath = (registry: string) => `/api/registries/${segment(registry)}/scope-preview`;
