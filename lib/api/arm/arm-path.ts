// ARM's resource paths for webhooks, and the one rule that maps them onto the portal: any
// subscription and resource group name the portal's registries by registry name alone (the
// portal has no subscriptions), and answers echo the path the caller used.

export type ArmRegistryParams = { subscriptionId: string; resourceGroupName: string; registry: string };
export type ArmWebhookParams = ArmRegistryParams & { webhook: string };

const segment = encodeURIComponent;

/** /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{r}/webhooks */
export const armWebhooksPath = ({ subscriptionId, resourceGroupName, registry }: ArmRegistryParams) =>
  `/subscriptions/${segment(subscriptionId)}/resourceGroups/${segment(resourceGroupName)}` +
  `/providers/Microsoft.ContainerRegistry/registries/${segment(registry)}/webhooks`;

/** A webhook's ARM id, under the subscription and resource group the caller named. */
export const armWebhookId = (params: ArmRegistryParams, webhook: string) => `${armWebhooksPath(params)}/${segment(webhook)}`;

const ARM_WEBHOOKS_PATH =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerregistry\/registries\/([^/]+)\/webhooks(?:\/([^/]+)(?:\/(ping|listevents|getcallbackconfig))?)?$/i;

const ACTIONS: Record<string, string> = { ping: "ping", listevents: "listEvents", getcallbackconfig: "getCallbackConfig" };

/** True for any path ARM clients use (the proxy answers them as an API: 401 JSON, no redirect). */
export const isArmPath = (pathname: string) => /^\/subscriptions\//i.test(pathname);

/**
 * The route's own spelling of an ARM webhooks path written in another case ("resourcegroups",
 * "microsoft.containerregistry"): ARM matches those segments ignoring case, Next.js's routes
 * do not. Names (subscription, group, registry, webhook) keep the caller's spelling. Null when
 * the path is already spelled so, or is not a webhooks path.
 */
export const canonicalArmPath = (pathname: string): string | null => {
  const match = ARM_WEBHOOKS_PATH.exec(pathname);
  if (!match) return null;
  const [, subscriptionId, resourceGroupName, registry, webhook, action] = match;
  const canonical =
    `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.ContainerRegistry/registries/${registry}/webhooks` +
    (webhook === undefined ? "" : `/${webhook}`) +
    (action === undefined ? "" : `/${ACTIONS[action.toLowerCase()]}`);
  return canonical === pathname ? null : canonical;
};
