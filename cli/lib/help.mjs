// Help texts, in az's layout. Kept as data beside the parser's COMMANDS so a flag added
// there without help here is caught by a unit test.

const PROGRAM = "registry-webhooks";

/** Flags shared by every command; printed under "Global Arguments" as az does. */
const GLOBAL = [
  ["-o, --output table|json", "Output format. table is az-style columns; json is the API's JSON."],
  ["--url URL", "Portal URL, e.g. http://localhost:3000. Default: $REGISTRY_WEBHOOKS_URL."],
  ["--token TOKEN", "Bearer token. Default: $REGISTRY_WEBHOOKS_TOKEN (prefer it: flags show in `ps`)."],
  ["-h, --help", "Show this help and exit."],
];

const REGISTRY = ["-r, --registry REGISTRY", "Name of the container registry. Required."];
const NAME = ["-n, --name NAME", "Name of the webhook. Required."];
const ACTIONS = "Space-separated actions that trigger the webhook: push delete.";
const HEADERS = "Space-separated custom headers in key=value format, sent with every notification.";
const SCOPE = "Repository scope, e.g. 'foo:*' or 'foo:bar'. Empty means all repositories.";
const PAYLOAD_FORMAT = "Body shape: acr (ACR's JSON), cloudevents (CloudEvents 1.0) or chat ({\"text\"} for Slack and Mattermost).";

/** @type {Record<string, { summary: string, usage: string, args: string[][], notes?: string[] }>} */
export const COMMAND_HELP = {
  create: {
    summary: "Create a webhook, or replace the one with that name (PUT, as az does).",
    usage: "-r REGISTRY -n NAME --uri URI --actions ACTION [ACTION ...] [--headers KEY=VALUE ...] [--scope SCOPE] [--status enabled|disabled] [--payload-format acr|cloudevents|chat]",
    args: [
      REGISTRY,
      NAME,
      ["--uri URI", "Service URI the webhook posts notifications to. Required."],
      ["--actions ACTION ...", `${ACTIONS} Required.`],
      ["--headers KEY=VALUE ...", HEADERS],
      ["--scope SCOPE", SCOPE],
      ["--status enabled|disabled", "Whether the webhook sends notifications. Default: enabled."],
      ["--payload-format acr|cloudevents|chat", `${PAYLOAD_FORMAT} Default: acr.`],
    ],
    notes: ["Prints the webhook (default: table)."],
  },
  list: {
    summary: "List the webhooks of a registry.",
    usage: "-r REGISTRY",
    args: [REGISTRY],
    notes: ["Prints nothing when the registry has no webhooks (default output: table)."],
  },
  show: {
    summary: "Show one webhook.",
    usage: "-r REGISTRY -n NAME",
    args: [REGISTRY, NAME],
  },
  update: {
    summary: "Change some properties of a webhook; the others stay as they are.",
    usage: "-r REGISTRY -n NAME [--uri URI] [--actions ACTION ...] [--headers KEY=VALUE ...] [--scope SCOPE] [--status enabled|disabled] [--payload-format acr|cloudevents|chat]",
    args: [
      REGISTRY,
      NAME,
      ["--uri URI", "New service URI."],
      ["--actions ACTION ...", `${ACTIONS} Replaces the current list.`],
      ["--headers KEY=VALUE ...", `${HEADERS} Replaces the current headers.`],
      ["--scope SCOPE", `${SCOPE} Pass --scope "" to clear it.`],
      ["--status enabled|disabled", "Enable or disable the webhook."],
      ["--payload-format acr|cloudevents|chat", PAYLOAD_FORMAT],
    ],
    notes: ["At least one of --uri, --actions, --headers, --scope, --status, --payload-format is required."],
  },
  delete: {
    summary: "Delete a webhook.",
    usage: "-r REGISTRY -n NAME",
    args: [REGISTRY, NAME],
    notes: ["Prints nothing. Succeeds also when the webhook does not exist."],
  },
  ping: {
    summary: "Send a ping event to the webhook's service URI.",
    usage: "-r REGISTRY -n NAME",
    args: [REGISTRY, NAME],
    notes: ["Prints the id of the ping event; with -o json, { \"id\": ... }."],
  },
  sample: {
    summary: "Send a sample push or delete event to the webhook's service URI.",
    usage: "-r REGISTRY -n NAME --action push|delete",
    args: [REGISTRY, NAME, ["--action push|delete", "Which event the sample stands for. Required."]],
    notes: [
      "The sample is a made-up image (the webhook's scope, else samples/hello-world:v1) in the webhook's payload format,",
      "sent with X-Registry-Webhooks-Sample: true and recorded as an event. Only for an action the webhook gets.",
      "Prints the id of the sample's event; with -o json, { \"id\": ... }. Shares Ping's limit of 5 a minute.",
    ],
  },
  "list-events": {
    summary: "List the events a webhook sent, following every page the server returns.",
    usage: "-r REGISTRY -n NAME [--top N]",
    args: [REGISTRY, NAME, ["--top N", "Stop after N events. Default: all."]],
    notes: ["IMAGE is repository:tag, or repository@digest without a tag; empty for pings."],
  },
  recover: {
    summary: "Send again every event of the webhook that failed since a start time (after an outage).",
    usage: "-r REGISTRY -n NAME --since SINCE",
    args: [
      REGISTRY,
      NAME,
      ["--since SINCE", "A duration back from now (24h, 90m, 2d) or a time with its zone (2026-12-02T10:00:00Z). Required."],
    ],
    notes: [
      "Queues a new attempt of each failed event (not pings); the portal sends them at its queue's pace.",
      "Prints how many were queued; with -o json, { \"queued\": N, \"since\": ... }. The webhook must be enabled.",
    ],
  },
  "get-config": {
    summary: "Show the service URI and custom headers of a webhook.",
    usage: "-r REGISTRY -n NAME",
    args: [REGISTRY, NAME],
  },
};

/**
 * @param {string[][]} rows [flag, description]
 * @returns {string[]}
 */
function columns(rows) {
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `    ${flag.padEnd(width)}  ${text}`);
}

const EXIT_CODES = [
  "Exit codes:",
  "    0 ok, 1 other HTTP error, 2 usage error, 3 authentication or authorization failed,",
  "    4 not found, 5 validation failed, 6 server unreachable.",
];

/**
 * @param {string[]} topic [] for the program, ["webhook"], or ["webhook", command]
 * @returns {string} the help text, newline-terminated
 */
export function helpText(topic) {
  const [group, command] = topic;
  if (command !== undefined) return commandHelp(command);
  const names = Object.keys(COMMAND_HELP);
  const width = Math.max(...names.map((n) => n.length));
  const list = names.map((n) => `    ${n.padEnd(width)}  ${COMMAND_HELP[n].summary}`);
  if (group === "webhook") {
    return [
      "Manage the webhooks of a container registry.",
      "",
      "Usage:",
      `    ${PROGRAM} webhook <command> [flags]`,
      "",
      "Commands:",
      ...list,
      "",
      `Run '${PROGRAM} webhook <command> --help' for a command's flags.`,
      "",
    ].join("\n");
  }
  return [
    `${PROGRAM}: manage registry webhooks from the command line, like 'az acr webhook'.`,
    "",
    "Usage:",
    `    ${PROGRAM} webhook <command> [flags]`,
    "",
    "Groups:",
    "    webhook  Manage the webhooks of a container registry.",
    "",
    "Environment:",
    "    REGISTRY_WEBHOOKS_URL    Portal URL, when --url is not given.",
    "    REGISTRY_WEBHOOKS_TOKEN  Bearer token, when --token is not given.",
    "",
    ...EXIT_CODES,
    "",
    `Run '${PROGRAM} webhook --help' for its commands.`,
    "",
  ].join("\n");
}

/** @param {string} command */
function commandHelp(command) {
  const help = COMMAND_HELP[command];
  return [
    help.summary,
    "",
    "Usage:",
    `    ${PROGRAM} webhook ${command} ${help.usage} [-o table|json] [--url URL] [--token TOKEN]`,
    "",
    "Arguments:",
    ...columns(help.args),
    "",
    "Global Arguments:",
    ...columns(GLOBAL),
    ...(help.notes ? ["", ...help.notes] : []),
    "",
    ...EXIT_CODES,
    "",
  ].join("\n");
}
