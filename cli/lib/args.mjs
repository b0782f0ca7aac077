// Argument parsing for `registry-webhooks webhook <command> [flags]`. Everything a user can
// get wrong is rejected here, before any request is built, so a usage error never sends.
import { parseArgs } from "node:util";
import { UsageError } from "./errors.mjs";

/**
 * @typedef {object} Options
 * @property {string} [registry]
 * @property {string} [name]
 * @property {string} [uri]
 * @property {string[]} [actions]
 * @property {Record<string, string>} [headers]
 * @property {string} [scope]
 * @property {"enabled"|"disabled"} [status]
 * @property {"acr"|"cloudevents"|"chat"} [payloadFormat] from --payload-format
 * @property {number} [top]
 * @property {string} [since] recover's start time, as an RFC 3339 time (a duration is turned into one)
 * @property {"push"|"delete"} [action] sample's event (one of SAMPLE_ACTIONS)
 * @property {"table"|"json"} [output] absent means the command's default
 * @property {string} [url]
 * @property {string} [token]
 */

/**
 * @typedef {{ kind: "help", topic: string[] } | { kind: "run", command: string, options: Options }} Parsed
 * topic is [] for the program, ["webhook"] for the group, ["webhook", cmd] for a command.
 */

export const ACTIONS = ["push", "delete"];
export const STATUSES = ["enabled", "disabled"];
export const OUTPUTS = ["table", "json"];
/** lib/webhooks/payload-format.ts's PAYLOAD_FORMATS. */
export const PAYLOAD_FORMATS = ["acr", "cloudevents", "chat"];
/** lib/webhooks/sample-schema.ts's SAMPLE_ACTIONS. */
export const SAMPLE_ACTIONS = ["push", "delete"];

/** @typedef {{ type: "string", short?: string, multiple?: boolean }} Flag */

/** Flags every command takes. @type {Record<string, Flag>} */
const COMMON = {
  registry: { type: "string", short: "r" },
  output: { type: "string", short: "o" },
  url: { type: "string" },
  token: { type: "string" },
};
/** @type {Record<string, Flag>} */
const NAME = { name: { type: "string", short: "n" } };
/** @type {Record<string, Flag>} */
const FIELDS = {
  uri: { type: "string" },
  actions: { type: "string", multiple: true },
  headers: { type: "string", multiple: true },
  scope: { type: "string" },
  status: { type: "string" },
  "payload-format": { type: "string" },
};

/**
 * Per command: the flags it accepts and the ones it cannot run without.
 * @type {Record<string, { flags: Record<string, Flag>, required: string[] }>}
 */
export const COMMANDS = {
  create: { flags: { ...COMMON, ...NAME, ...FIELDS }, required: ["registry", "name", "uri", "actions"] },
  list: { flags: { ...COMMON }, required: ["registry"] },
  show: { flags: { ...COMMON, ...NAME }, required: ["registry", "name"] },
  update: { flags: { ...COMMON, ...NAME, ...FIELDS }, required: ["registry", "name"] },
  delete: { flags: { ...COMMON, ...NAME }, required: ["registry", "name"] },
  ping: { flags: { ...COMMON, ...NAME }, required: ["registry", "name"] },
  sample: { flags: { ...COMMON, ...NAME, action: { type: "string" } }, required: ["registry", "name", "action"] },
  "list-events": { flags: { ...COMMON, ...NAME, top: { type: "string" } }, required: ["registry", "name"] },
  "get-config": { flags: { ...COMMON, ...NAME }, required: ["registry", "name"] },
  recover: { flags: { ...COMMON, ...NAME, since: { type: "string" } }, required: ["registry", "name", "since"] },
};

/** A duration back from now: 24h, 90m, 2d, 30s. */
const DURATION = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const DURATION_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** An RFC 3339 time with its zone, as the API takes it. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * --since as the API's start time: a duration back from `now`, or a time with its zone.
 * @param {string} value
 * @param {(message: string) => UsageError} fail
 * @param {number} [now]
 * @returns {string}
 */
export function parseSince(value, fail, now = Date.now()) {
  const duration = DURATION.exec(value.trim());
  if (duration) return new Date(now - Number(duration[1]) * DURATION_MS[/** @type {"s"|"m"|"h"|"d"} */ (duration[2])]).toISOString();
  if (TIMESTAMP.test(value.trim()) && !Number.isNaN(Date.parse(value))) {
    if (Date.parse(value) > now) throw fail(`argument --since: '${value}' is in the future`);
    return value.trim();
  }
  throw fail(`argument --since: expected a duration such as 24h, 90m or 2d, or a time such as 2026-12-02T10:00:00Z, got '${value}'`);
}

// The portal's own input rules for what this parser checks (lib/webhooks/headers.ts and
// schema.ts; the CLI has no dependencies, so they are repeated here), so nothing is sent.
/** RFC 9110 token characters: what a header field name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters but tab: C0, DEL and C1. */
const HEADER_CONTROL = /[\0-\x08\n-\x1f\x7f-\x9f]/;
/** Printable ASCII, spaces and tabs: anything else cannot be sent in a header. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
/** Control characters and whitespace, which URL parsing would drop or encode unseen. */
const URI_FORBIDDEN = /[\0-\x1f\x7f-\x9f\s]/;

const isHelp = (/** @type {string} */ t) => t === "-h" || t === "--help";
const looksLikeFlag = (/** @type {string} */ t) => t.startsWith("-") && t.length > 1;

/**
 * @param {string[]} argv arguments after the program name
 * @returns {Parsed}
 * @throws {UsageError}
 */
export function parseCli(argv) {
  const [group, command, ...rest] = argv;
  if (group === undefined || isHelp(group)) return { kind: "help", topic: [] };
  if (group !== "webhook") {
    throw new UsageError(looksLikeFlag(group) ? `unrecognized argument: ${group}` : `unknown command '${group}'`);
  }
  if (command === undefined || isHelp(command)) return { kind: "help", topic: ["webhook"] };
  if (!Object.hasOwn(COMMANDS, command)) {
    throw new UsageError(`'${command}' is not a webhook command`, "webhook");
  }
  const helpAt = rest.indexOf("--");
  if ((helpAt === -1 ? rest : rest.slice(0, helpAt)).some(isHelp)) {
    return { kind: "help", topic: ["webhook", command] };
  }
  return { kind: "run", command, options: parseCommand(command, rest) };
}

/**
 * @param {string} command a key of COMMANDS
 * @param {string[]} args the flags after the command
 * @returns {Options}
 */
export function parseCommand(command, args) {
  const spec = COMMANDS[command];
  const fail = (/** @type {string} */ message) => new UsageError(message, `webhook ${command}`);
  const { values, tokens } = parseArgs({
    args: spreadMultiValues(args, spec.flags, fail),
    options: spec.flags,
    strict: false, // we check tokens ourselves to word errors like az does
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") throw fail(`unrecognized argument: ${token.value}`);
    if (token.kind !== "option") continue; // "--" terminator
    if (!Object.hasOwn(spec.flags, token.name)) throw fail(`unrecognized argument: ${token.rawName}`);
    // Non-strict parseArgs happily takes the next flag as a value: `--uri --scope x`.
    const missing = token.value === undefined || (!token.inlineValue && looksLikeFlag(token.value));
    if (missing) throw fail(`argument ${flagName(spec.flags, token.name)}: expected one argument`);
  }
  for (const key of ["registry", "name"]) {
    // These become URL segments: empty, "." or ".." would silently address another URL
    // (fetch resolves dot segments even when percent-encoded).
    if (values[key] === "") throw fail(`argument ${flagName(spec.flags, key)}: expected a non-empty value`);
    if (values[key] === "." || values[key] === "..") throw fail(`argument ${flagName(spec.flags, key)}: '${values[key]}' is not a valid name`);
  }
  const missing = spec.required.filter((key) => values[key] === undefined);
  if (missing.length > 0) {
    throw fail(`the following arguments are required: ${missing.map((k) => flagName(spec.flags, k)).join(", ")}`);
  }
  return validate(/** @type {Record<string, any>} */ (values), command, fail);
}

/**
 * az lets a multi-value flag take every following token up to the next flag
 * (`--actions push delete`); parseArgs only knows repeated flags, so rewrite the former
 * into the latter: `--actions push --actions delete`.
 * @param {string[]} args
 * @param {Record<string, { multiple?: boolean }>} flags
 * @param {(message: string) => UsageError} fail
 * @returns {string[]}
 */
function spreadMultiValues(args, flags, fail) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    if (arg === "--") return [...out, ...args.slice(i)];
    if (!flags[name]?.multiple) {
      out.push(arg);
      continue;
    }
    let count = 0;
    while (i + 1 < args.length && !looksLikeFlag(args[i + 1])) {
      out.push(arg, args[++i]);
      count++;
    }
    if (count === 0) throw fail(`argument ${arg}: expected at least one argument`);
  }
  return out;
}

/**
 * Checks values whose shape is fixed, and turns strings into what the API wants.
 * @param {Record<string, any>} values raw parseArgs values
 * @param {string} command
 * @param {(message: string) => UsageError} fail
 * @returns {Options}
 */
function validate(values, command, fail) {
  /** @type {Options} */
  const options = { ...values };
  const oneOf = (/** @type {string} */ flag, /** @type {string} */ value, /** @type {string[]} */ allowed) => {
    if (!allowed.includes(value)) {
      throw fail(`argument ${flag}: invalid choice: '${value}' (choose from ${allowed.map((a) => `'${a}'`).join(", ")})`);
    }
  };
  if (values.output !== undefined) oneOf("--output", values.output, OUTPUTS);
  if (values.status !== undefined) oneOf("--status", values.status, STATUSES);
  if (values["payload-format"] !== undefined) {
    oneOf("--payload-format", values["payload-format"], PAYLOAD_FORMATS);
    options.payloadFormat = values["payload-format"];
  }
  if (values.actions !== undefined) {
    for (const action of values.actions) oneOf("--actions", action, ACTIONS);
    options.actions = [...new Set(values.actions)]; // `push push` means push once
  }
  if (values.uri !== undefined && URI_FORBIDDEN.test(values.uri)) {
    throw fail("argument --uri: the URI cannot contain spaces, line breaks or control characters");
  }
  if (values.headers !== undefined) options.headers = parseHeaders(values.headers, fail);
  if (values.top !== undefined) {
    if (!/^[1-9][0-9]{0,8}$/.test(values.top)) throw fail(`argument --top: expected a positive whole number, got '${values.top}'`);
    options.top = Number(values.top);
  }
  if (values.since !== undefined) options.since = parseSince(values.since, fail);
  if (values.action !== undefined) oneOf("--action", values.action, SAMPLE_ACTIONS);
  if (command === "update" && !Object.keys(FIELDS).some((key) => values[key] !== undefined)) {
    throw fail("nothing to update: pass at least one of --uri, --actions, --headers, --scope, --status, --payload-format");
  }
  return options;
}

/**
 * `k=v` pairs into an object. Only the first '=' splits, so values may hold '='
 * (base64 tokens); a later duplicate key wins, as in az.
 * @param {string[]} pairs
 * @param {(message: string) => UsageError} fail
 * @returns {Record<string, string>}
 */
export function parseHeaders(pairs, fail = (m) => new UsageError(m)) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const key = at > 0 ? pair.slice(0, at) : "";
    const value = pair.slice(at + 1);
    if (!key) throw fail(`argument --headers: expected key=value, got '${pair}'`);
    // Refuse what no HTTP header can carry, so the mistake shows here and not at delivery time.
    if (!HEADER_NAME.test(key)) throw fail(`argument --headers: '${key}' is not a valid header name`);
    if (HEADER_CONTROL.test(value)) throw fail(`argument --headers: the value of '${key}' contains a control character`);
    if (!HEADER_VALUE.test(value)) {
      throw fail(`argument --headers: the value of '${key}' may contain only printable ASCII characters, spaces and tabs`);
    }
    headers[key] = value;
  }
  return headers;
}

/**
 * @param {Record<string, { short?: string }>} flags
 * @param {string} key
 */
function flagName(flags, key) {
  const short = flags[key]?.short;
  return short ? `-${short}/--${key}` : `--${key}`;
}
