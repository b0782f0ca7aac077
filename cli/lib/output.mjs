// Output formatting: az-style tables (`-o table`) and pretty JSON (`-o json`).
// Pure functions from API JSON to text, so they are tested without a server.

/**
 * Server-supplied text goes straight to a terminal; control characters (newlines, ESC
 * sequences) would break the columns or drive the terminal, so each becomes a space.
 * @param {unknown} value
 * @returns {string}
 */
export function cell(value) {
  if (value === undefined || value === null) return "";
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

/**
 * Columns padded to their widest cell and separated by two spaces, with a dashed rule under
 * the headers, as `az ... -o table` prints. No rows prints nothing, also like az.
 * @param {string[]} headers
 * @param {unknown[][]} rows
 * @returns {string} ends with a newline unless empty
 */
export function formatTable(headers, rows) {
  if (rows.length === 0) return "";
  const text = rows.map((row) => headers.map((_, i) => cell(row[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => row[i].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n") + "\n";
}

/**
 * @param {unknown} value API JSON
 * @returns {string} two-space indented, newline-terminated
 */
export const formatJson = (value) => `${JSON.stringify(value, null, 2)}\n`;

export const WEBHOOK_HEADERS = ["NAME", "ACTIONS", "SCOPE", "STATUS"];

/**
 * @param {import("./client.mjs").Webhook} webhook
 * @returns {string[]}
 */
export function webhookRow(webhook) {
  const p = webhook?.properties ?? {};
  const actions = Array.isArray(p.actions) ? p.actions.join(", ") : "";
  // A webhook the portal disabled because its deliveries kept failing says so.
  const status = p.status === "disabled" && p.disabledReason === "failing" ? "disabled (failing)" : cell(p.status);
  return [cell(webhook?.name), actions, cell(p.scope), status];
}

export const EVENT_HEADERS = ["ID", "ACTION", "IMAGE", "HTTP STATUS", "TIMESTAMP"];

/**
 * What the event was about: `repository:tag`, or `repository@digest` for an untagged push
 * or delete by digest; a ping has no image.
 * @param {any} content eventRequestMessage.content
 * @returns {string}
 */
export function eventImage(content) {
  const target = content?.target;
  if (content?.action === "ping" || !target?.repository) return "";
  if (target.tag) return `${target.repository}:${target.tag}`;
  if (target.digest) return `${target.repository}@${target.digest}`;
  return String(target.repository);
}

/**
 * @param {any} event
 * @returns {string[]}
 */
export function eventRow(event) {
  const sent = event?.eventRequestMessage?.content;
  // A CloudEvent carries ACR's body as its data; a chat message ({ text }) has no fields to show.
  const content = sent?.specversion ? sent.data : sent;
  // statusCode is "" when the receiver never answered; shown as-is, an empty cell.
  const status = event?.eventResponseMessage?.statusCode;
  return [cell(event?.id), cell(content?.action), cell(eventImage(content)), cell(status), cell(content?.timestamp)];
}

export const CONFIG_HEADERS = ["SERVICE URI", "CUSTOM HEADERS"];

/**
 * @param {{ serviceUri?: string, customHeaders?: Record<string, string> }} config
 * @returns {string[]}
 */
export function configRow(config) {
  const headers = Object.entries(config?.customHeaders ?? {})
    .map(([key, value]) => `${key}: ${value}`)
    .join("; ");
  return [cell(config?.serviceUri), cell(headers)];
}
