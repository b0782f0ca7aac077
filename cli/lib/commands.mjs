// The webhook commands: each maps parsed options to one API call (two or more for paged
// list-events) and describes what to print; render() picks the format.
import { formatJson, formatTable, WEBHOOK_HEADERS, webhookRow, EVENT_HEADERS, eventRow, CONFIG_HEADERS, configRow } from "./output.mjs";

/**
 * What a command produced. json is printed for `-o json`, table() for `-o table`, and
 * text (when set) instead of the table when no -o was given.
 * @typedef {{ json: unknown, table: () => string, text?: string }} Result
 */

/**
 * @typedef {(client: import("./client.mjs").Client, options: import("./args.mjs").Options) => Promise<Result | null>} Handler
 * null means print nothing.
 */

/** @param {import("./client.mjs").Webhook} webhook @returns {Result} */
const oneWebhook = (webhook) => ({ json: webhook, table: () => formatTable(WEBHOOK_HEADERS, [webhookRow(webhook)]) });

/**
 * The PATCH body: only the fields the user passed, renamed to the API's names, so the
 * server leaves every other property as it is.
 * @param {import("./args.mjs").Options} o
 * @returns {import("./client.mjs").WebhookProperties}
 */
export function changedProperties(o) {
  /** @type {import("./client.mjs").WebhookProperties} */
  const properties = {};
  if (o.uri !== undefined) properties.serviceUri = o.uri;
  if (o.headers !== undefined) properties.customHeaders = o.headers;
  if (o.actions !== undefined) properties.actions = o.actions;
  if (o.status !== undefined) properties.status = o.status;
  if (o.scope !== undefined) properties.scope = o.scope;
  if (o.payloadFormat !== undefined) properties.payloadFormat = o.payloadFormat;
  return properties;
}

/** @type {Record<string, Handler>} */
export const HANDLERS = {
  // PUT without a prior existence check: create replaces a webhook of the same name, as az does.
  create: async (client, o) =>
    oneWebhook(
      await client.put(String(o.registry), String(o.name), {
        serviceUri: o.uri,
        customHeaders: o.headers ?? {},
        actions: o.actions,
        status: o.status ?? "enabled",
        scope: o.scope ?? "",
        // Omitted, the portal takes its default (acr), as PUT does for every optional property.
        ...(o.payloadFormat !== undefined ? { payloadFormat: o.payloadFormat } : {}),
      }),
    ),

  list: async (client, o) => {
    const webhooks = await client.list(String(o.registry));
    // az prints the bare list, not the API's { value } envelope.
    return { json: webhooks, table: () => formatTable(WEBHOOK_HEADERS, webhooks.map(webhookRow)) };
  },

  show: async (client, o) => oneWebhook(await client.get(String(o.registry), String(o.name))),

  update: async (client, o) => oneWebhook(await client.patch(String(o.registry), String(o.name), changedProperties(o))),

  // 200 (deleted) and 204 (already absent) both end in the state the user asked for.
  delete: async (client, o) => {
    await client.remove(String(o.registry), String(o.name));
    return null;
  },

  ping: async (client, o) => {
    const body = await client.ping(String(o.registry), String(o.name));
    const id = String(body.id ?? "");
    return { json: { id }, table: () => formatTable(["ID"], [[id]]), text: `${id}\n` };
  },

  // Printed as ping's: the id of the event, to find it in list-events.
  sample: async (client, o) => {
    const body = await client.sample(String(o.registry), String(o.name), String(o.action));
    const id = String(body.id ?? "");
    return { json: { id }, table: () => formatTable(["ID"], [[id]]), text: `${id}\n` };
  },

  "list-events": async (client, o) => {
    const events = await client.listEvents(String(o.registry), String(o.name), o.top);
    return { json: events, table: () => formatTable(EVENT_HEADERS, events.map(eventRow)) };
  },

  recover: async (client, o) => {
    const body = await client.recover(String(o.registry), String(o.name), String(o.since));
    const queued = Number(body.queued ?? 0);
    const since = String(body.since ?? "");
    return {
      json: { queued, since },
      table: () => formatTable(["QUEUED", "SINCE"], [[String(queued), since]]),
      text: `Queued ${queued} failed ${queued === 1 ? "event" : "events"} since ${since} for redelivery.\n`,
    };
  },

  "get-config": async (client, o) => {
    const config = await client.getCallbackConfig(String(o.registry), String(o.name));
    return { json: config, table: () => formatTable(CONFIG_HEADERS, [configRow(config)]) };
  },
};

/**
 * @param {Result | null} result
 * @param {"table"|"json"|undefined} output the -o flag, undefined when not given
 * @returns {string}
 */
export function render(result, output) {
  if (result === null) return "";
  if (output === "json") return formatJson(result.json);
  if (output === "table" || result.text === undefined) return result.table();
  return result.text;
}

/**
 * @param {string} command a key of HANDLERS
 * @param {import("./args.mjs").Options} options
 * @param {import("./client.mjs").Client} client
 * @returns {Promise<string>} what to write to stdout
 */
export async function runCommand(command, options, client) {
  return render(await HANDLERS[command](client, options), options.output);
}
