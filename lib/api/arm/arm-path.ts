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

export type ArmTarget = "webhooks" | "webhook" | "ping" | "listEvents" | "getCallbackConfig";

const ACTIONS: Record<string, ArmTarget> = { ping: "ping", listevents: "listEvents", getcallbackconfig: "getCallbackConfig" };

/** True for any path ARM clients use (the proxy answers them as an API: 401 JSON, no redirect). */
export const isArmPath = (pathname: string) => /^\/subscriptions\//i.test(pathname);

/**
 * What an ARM webhooks path names, matching its fixed segments ("resourceGroups",
 * "Microsoft.ContainerRegistry", "webhooks", the action) ignoring case as ARM does; the names
 * (subscription, group, registry, webhook) stay as sent, still percent-encoded. Null for any
 * other path.
 */
export const parseArmPath = (pathname: string): { target: ArmTarget; params: ArmRegistryParams & { webhook?: string } } | null => {
  const match = ARM_WEBHOOKS_PATH.exec(pathname);
  if (!match) return null;
  const [, subscriptionId, resourceGroupName, registry, webhook, action] = match;
  const target = action !== undefined ? ACTIONS[action.toLowerCase()] : webhook !== undefined ? "webhook" : "webhooks";
  return { target, params: { subscriptionId, resourceGroupName, registry, ...(webhook === undefined ? {} : { webhook }) } };
};
