// HTTP client for the portal's ARM-shaped webhooks API. It owns the wire details (URLs,
// headers, JSON, paging) and turns every failure into a CliError with the right exit code.
import { CliError, EXIT, httpError, unreachableError } from "./errors.mjs";

/** A hung server should not hang a script forever; ARM clients use a similar ceiling. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * @typedef {object} Webhook
 * @property {string} id
 * @property {string} name
 * @property {string} type
 * @property {{ status?: string, scope?: string, actions?: string[], payloadFormat?: string, provisioningState?: string, disabledReason?: string | null,
 *   serviceUri?: string, customHeaders?: Record<string, string> }} properties
 */

/**
 * @typedef {object} WebhookProperties what PUT/PATCH send under "properties"
 * @property {string} [serviceUri]
 * @property {Record<string, string>} [customHeaders]
 * @property {string[]} [actions]
 * @property {string} [status]
 * @property {string} [scope]
 * @property {string} [payloadFormat]
 */

/**
 * @param {string} registry
 * @param {string} [name]
 * @param {string} [action] "ping", "sample", "listEvents", "getCallbackConfig"
 * @returns {string} path below the server URL; each segment encoded so "a/b" cannot escape it
 */
export function webhooksPath(registry, name, action) {
  let path = `/api/registries/${encodeURIComponent(registry)}/webhooks`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (action !== undefined) path += `/${action}`;
  return path;
}

/**
 * @param {object} config
 * @param {string} config.url server base URL, e.g. http://localhost:3000
 * @param {string} config.token bearer token
 * @param {typeof fetch} [config.fetch] injectable for tests; defaults to the global fetch
 * @param {number} [config.timeoutMs]
 */
export function createClient({ url, token, fetch: fetchImpl = globalThis.fetch, timeoutMs = DEFAULT_TIMEOUT_MS }) {
  const base = url.replace(/\/+$/, "");
  const origin = new URL(base).origin;

  /**
   * One request. `target` is a path below base, or an absolute URL (a nextLink).
   * @param {string} method
   * @param {string} target
   * @param {unknown} [body] sent as JSON when given
   * @returns {Promise<{ status: number, body: any }>} body is null when the response is empty
   */
  async function send(method, target, body) {
    const href = target.startsWith("/") ? `${base}${target}` : target;
    /** @type {Record<string, string>} */
    const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response, text;
    try {
      response = await fetchImpl(href, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      throw unreachableError(target.startsWith("/") ? base : href, err);
    }
    if (!response.ok) throw httpError(response.status, text);
    if (text.trim() === "") return { status: response.status, body: null };
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      throw new CliError(`the server answered ${method} ${href} with HTTP ${response.status} but not JSON`, EXIT.ERROR);
    }
  }

  /**
   * The API promises JSON objects; say so plainly when something else (a proxy page) answers.
   * @param {any} body
   * @param {string} what
   */
  function expectObject(body, what) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new CliError(`unexpected response from the server: expected ${what}`, EXIT.ERROR);
    }
    return body;
  }

  /** @param {any} body @returns {any[]} */
  const expectList = (body) => {
    const list = expectObject(body, 'an object with a "value" list').value;
    if (!Array.isArray(list)) throw new CliError('unexpected response from the server: expected an object with a "value" list', EXIT.ERROR);
    return list;
  };

  /**
   * nextLink is absolute and we send the bearer token to it, so only follow it on the server
   * we were pointed at: a compromised or misconfigured server must not redirect the token.
   * @param {unknown} link
   * @param {Set<string>} seen
   */
  function followable(link, seen) {
    if (typeof link !== "string") throw new CliError("unexpected response from the server: nextLink is not a string", EXIT.ERROR);
    let next;
    try {
      next = new URL(link, `${base}/`);
    } catch {
      throw new CliError(`unexpected response from the server: nextLink '${link}' is not a URL`, EXIT.ERROR);
    }
    if (next.origin !== origin) {
      throw new CliError(`refusing to follow nextLink to ${next.origin}: it is not ${origin} and would receive your token`, EXIT.ERROR);
    }
    if (seen.has(next.href)) throw new CliError("the server's nextLink points back to a page already read", EXIT.ERROR);
    return next.href;
  }

  /**
   * Every item of a paged list, following nextLink (same origin, never the same page twice),
   * or the first `top`.
   * @param {string} method
   * @param {string} first the first page's path
   * @param {number} [top]
   * @returns {Promise<any[]>}
   */
  async function walk(method, first, top) {
    const items = [];
    const seen = new Set();
    let target = first;
    for (;;) {
      const { body } = await send(method, target);
      items.push(...expectList(body));
      if (top !== undefined && items.length >= top) return items.slice(0, top);
      if (body.nextLink === undefined || body.nextLink === null || body.nextLink === "") return items;
      seen.add(new URL(target.startsWith("/") ? `${base}${target}` : target).href);
      target = followable(body.nextLink, seen);
    }
  }

  return {
    send,

    /**
     * Every webhook of the registry, following nextLink page by page (the API answers 100 a page).
     * @param {string} registry
     * @returns {Promise<Webhook[]>}
     */
    list: (registry) => walk("GET", webhooksPath(registry)),

    /** @param {string} registry @param {string} name @returns {Promise<Webhook>} */
    get: async (registry, name) => expectObject((await send("GET", webhooksPath(registry, name))).body, "a webhook"),

    /** Create or replace (PUT is idempotent, as in ARM). @param {string} registry @param {string} name @param {WebhookProperties} properties */
    put: async (registry, name, properties) =>
      expectObject((await send("PUT", webhooksPath(registry, name), { properties })).body, "a webhook"),

    /** Change only the given properties. @param {string} registry @param {string} name @param {WebhookProperties} properties */
    patch: async (registry, name, properties) =>
      expectObject((await send("PATCH", webhooksPath(registry, name), { properties })).body, "a webhook"),

    /** @param {string} registry @param {string} name @returns {Promise<number>} 200 deleted, 204 already absent */
    remove: async (registry, name) => (await send("DELETE", webhooksPath(registry, name))).status,

    /** @param {string} registry @param {string} name @returns {Promise<{ id: string }>} */
    ping: async (registry, name) => expectObject((await send("POST", webhooksPath(registry, name, "ping"))).body, "an event id"),

    /**
     * Sends a sample push or delete now.
     * @param {string} registry @param {string} name @param {string} action "push" or "delete"
     * @returns {Promise<{ id: string }>}
     */
    sample: async (registry, name, action) =>
      expectObject((await send("POST", webhooksPath(registry, name, "sample"), { action })).body, "an event id"),

    /**
     * Queues every failed event since `since` again.
     * @param {string} registry @param {string} name @param {string} since RFC 3339
     * @returns {Promise<{ queued: number, since: string }>}
     */
    recover: async (registry, name, since) =>
      expectObject((await send("POST", webhooksPath(registry, name, "recover"), { since })).body, "a recovery result"),

    /** @param {string} registry @param {string} name */
    getCallbackConfig: async (registry, name) =>
      expectObject((await send("POST", webhooksPath(registry, name, "getCallbackConfig"))).body, "a callback config"),

    /**
     * Every event, following nextLink page by page, or the first `top`.
     * @param {string} registry
     * @param {string} name
     * @param {number} [top]
     * @returns {Promise<any[]>}
     */
    listEvents: (registry, name, top) => walk("POST", webhooksPath(registry, name, "listEvents"), top),
  };
}

/** @typedef {ReturnType<typeof createClient>} Client */
