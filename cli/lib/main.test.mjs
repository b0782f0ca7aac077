import { describe, it, expect, afterEach } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "./main.mjs";
import { event, serverPerTest, startServer, webhook } from "./test-server.mjs";

const BASE = "/api/registries/reg/webhooks";
const BIN = fileURLToPath(new URL("../registry-webhooks.mjs", import.meta.url));

const serve = serverPerTest(afterEach);

/**
 * Runs the CLI in-process with captured streams.
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env
 */
async function run(argv, env) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    env,
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** @param {{ url: string }} server */
const envFor = (server) => ({ REGISTRY_WEBHOOKS_URL: server.url, REGISTRY_WEBHOOKS_TOKEN: "tok" });

describe("commands end to end (main → fetch → local server)", () => {
  const hook = webhook("hook", { actions: ["push", "delete"], scope: "web:*" });
  const TABLE = "NAME  ACTIONS       SCOPE  STATUS\n----  ------------  -----  -------\nhook  push, delete  web:*  enabled\n";
  const events = {
    value: [
      event("e1", "push", { repository: "web", tag: "v1", digest: "sha256:aa" }, "200"),
      event("e2", "delete", { repository: "web", digest: "sha256:bb" }, "500"),
      event("e3", "ping", {}, ""),
    ],
  };
  const config = { serviceUri: "https://hooks.example/in", customHeaders: { Authorization: "Basic YQ==", "X-Env": "prod" } };

  const cases = [
    {
      title: "create PUTs every property, defaults filled, and prints a table",
      argv: ["create", "-r", "reg", "-n", "hook", "--uri", "https://hooks.example/in", "--actions", "push", "delete", "--scope", "web:*"],
      reply: { status: 201, body: hook },
      request: ["PUT", `${BASE}/hook`, { properties: {
        serviceUri: "https://hooks.example/in", customHeaders: {}, actions: ["push", "delete"], status: "enabled", scope: "web:*",
      } }],
      stdout: TABLE,
    },
    {
      title: "create sends headers and status as given",
      argv: ["create", "-r", "reg", "-n", "hook", "--uri", "u", "--actions", "push", "--headers", "a=b=c", "--status", "disabled", "-o", "json"],
      reply: { status: 200, body: hook },
      request: ["PUT", `${BASE}/hook`, { properties: {
        serviceUri: "u", customHeaders: { a: "b=c" }, actions: ["push"], status: "disabled", scope: "",
      } }],
      stdout: `${JSON.stringify(hook, null, 2)}\n`,
    },
    {
      title: "list prints one row per webhook",
      argv: ["list", "-r", "reg"],
      reply: { status: 200, body: { value: [hook, webhook("second-hook", { status: "disabled" })] } },
      request: ["GET", BASE, undefined],
      stdout: [
        "NAME         ACTIONS       SCOPE  STATUS",
        "-----------  ------------  -----  --------",
        "hook         push, delete  web:*  enabled",
        "second-hook  push                 disabled",
        "",
      ].join("\n"),
    },
    {
      title: "list -o json prints the list, as az does",
      argv: ["list", "-r", "reg", "-o", "json"],
      reply: { status: 200, body: { value: [hook] } },
      request: ["GET", BASE, undefined],
      stdout: `${JSON.stringify([hook], null, 2)}\n`,
    },
    { title: "an empty list prints nothing", argv: ["list", "-r", "reg"], reply: { status: 200, body: { value: [] } },
      request: ["GET", BASE, undefined], stdout: "" },
    { title: "show", argv: ["show", "-r", "reg", "-n", "hook"], reply: { status: 200, body: hook },
      request: ["GET", `${BASE}/hook`, undefined], stdout: TABLE },
    {
      title: "update PATCHes only the given fields",
      argv: ["update", "-r", "reg", "-n", "hook", "--status", "disabled", "--headers", "k=v"],
      reply: { status: 200, body: hook },
      request: ["PATCH", `${BASE}/hook`, { properties: { customHeaders: { k: "v" }, status: "disabled" } }],
      stdout: TABLE,
    },
    {
      title: "update sends --payload-format as payloadFormat",
      argv: ["update", "-r", "reg", "-n", "hook", "--payload-format", "cloudevents"],
      reply: { status: 200, body: hook },
      request: ["PATCH", `${BASE}/hook`, { properties: { payloadFormat: "cloudevents" } }],
      stdout: TABLE,
    },
    {
      title: "create sends the payload format when given",
      argv: ["create", "-r", "reg", "-n", "hook", "--uri", "u", "--actions", "push", "--payload-format", "chat"],
      reply: { status: 201, body: hook },
      request: ["PUT", `${BASE}/hook`, { properties: {
        serviceUri: "u", customHeaders: {}, actions: ["push"], status: "enabled", scope: "", payloadFormat: "chat",
      } }],
      stdout: TABLE,
    },
    {
      title: "update can clear the scope",
      argv: ["update", "-r", "reg", "-n", "hook", "--scope", "", "--uri", "https://new/in", "--actions", "delete"],
      reply: { status: 200, body: hook },
      request: ["PATCH", `${BASE}/hook`, { properties: { serviceUri: "https://new/in", actions: ["delete"], scope: "" } }],
      stdout: TABLE,
    },
    { title: "delete prints nothing", argv: ["delete", "-r", "reg", "-n", "hook"], reply: { status: 200 },
      request: ["DELETE", `${BASE}/hook`, undefined], stdout: "" },
    { title: "delete of an absent webhook (204) still succeeds", argv: ["delete", "-r", "reg", "-n", "gone"], reply: { status: 204 },
      request: ["DELETE", `${BASE}/gone`, undefined], stdout: "" },
    { title: "ping prints the event id", argv: ["ping", "-r", "reg", "-n", "hook"], reply: { status: 200, body: { id: "evt-42" } },
      request: ["POST", `${BASE}/hook/ping`, undefined], stdout: "evt-42\n" },
    { title: "ping -o json", argv: ["ping", "-r", "reg", "-n", "hook", "-o", "json"], reply: { status: 200, body: { id: "evt-42" } },
      request: ["POST", `${BASE}/hook/ping`, undefined], stdout: '{\n  "id": "evt-42"\n}\n' },
    { title: "ping -o table", argv: ["ping", "-r", "reg", "-n", "hook", "-o", "table"], reply: { status: 200, body: { id: "evt-42" } },
      request: ["POST", `${BASE}/hook/ping`, undefined], stdout: "ID\n------\nevt-42\n" },
    {
      title: "list-events shows image, response status (empty when none) and time",
      argv: ["list-events", "-r", "reg", "-n", "hook"],
      reply: { status: 200, body: events },
      request: ["POST", `${BASE}/hook/listEvents`, undefined],
      stdout: [
        "ID  ACTION  IMAGE          HTTP STATUS  TIMESTAMP",
        "--  ------  -------------  -----------  --------------------",
        "e1  push    web:v1         200          2024-05-01T10:00:00Z",
        "e2  delete  web@sha256:bb  500          2024-05-01T10:00:00Z",
        "e3  ping                                2024-05-01T10:00:00Z",
        "",
      ].join("\n"),
    },
    { title: "list-events --top -o json", argv: ["list-events", "-r", "reg", "-n", "hook", "--top", "1", "-o", "json"],
      reply: { status: 200, body: events }, request: ["POST", `${BASE}/hook/listEvents`, undefined],
      stdout: `${JSON.stringify([events.value[0]], null, 2)}\n` },
    {
      title: "get-config prints the service URI and headers",
      argv: ["get-config", "-r", "reg", "-n", "hook"],
      reply: { status: 200, body: config },
      request: ["POST", `${BASE}/hook/getCallbackConfig`, undefined],
      stdout: [
        "SERVICE URI               CUSTOM HEADERS",
        "------------------------  --------------------------------------",
        "https://hooks.example/in  Authorization: Basic YQ==; X-Env: prod",
        "",
      ].join("\n"),
    },
    { title: "recover prints how many events were queued", argv: ["recover", "-r", "reg", "-n", "hook", "--since", "2020-01-02T03:04:05Z"],
      reply: { status: 200, body: { queued: 3, since: "2020-01-02T03:04:05.000Z" } },
      request: ["POST", `${BASE}/hook/recover`, { since: "2020-01-02T03:04:05Z" }],
      stdout: "Queued 3 failed events since 2020-01-02T03:04:05.000Z for redelivery.\n" },
    { title: "get-config -o json", argv: ["get-config", "-r", "reg", "-n", "hook", "-o", "json"], reply: { status: 200, body: config },
      request: ["POST", `${BASE}/hook/getCallbackConfig`, undefined], stdout: `${JSON.stringify(config, null, 2)}\n` },
  ];

  it.each(cases)("$title", async ({ argv, reply, request, stdout }) => {
    const server = await serve(() => reply);
    const result = await run(["webhook", ...argv], envFor(server));
    expect(result).toEqual({ code: 0, stdout, stderr: "" });
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect([req.method, req.path, req.body]).toEqual(request);
    expect(req.headers.authorization).toBe("Bearer tok");
  });
});

describe("HTTP failures → exit code and stderr", () => {
  const SHOW = ["webhook", "show", "-r", "reg", "-n", "hook"];
  const HINT = "hint: pass a valid token with --token or set REGISTRY_WEBHOOKS_TOKEN";
  /** @type {(code: string, message: string, details?: object[]) => object} */
  const arm = (code, message, details) => ({ error: { code, message, details } });
  /** @type {[number, object | string, number, string][]} */
  const cases = [
    [401, arm("Unauthorized", "Sign in first."), 3, `error: Sign in first.\n${HINT}\n`],
    [403, arm("Forbidden", "Read-only token."), 3, "error: Read-only token.\n"],
    [404, arm("NotFound", 'Webhook "hook" does not exist in reg.'), 4, 'error: Webhook "hook" does not exist in reg.\n'],
    [400, arm("ValidationFailed", "The webhook is not valid.", [{ target: "properties.serviceUri", message: "Enter a URL." }]), 5,
      "error: The webhook is not valid.\n  properties.serviceUri: Enter a URL.\n"],
    [429, arm("TooManyRequests", "Slow down."), 1, "error: HTTP 429 TooManyRequests: Slow down.\n"],
    [502, "<html>Bad Gateway</html>\nmore", 1, "error: HTTP 502: <html>Bad Gateway</html>\n"],
  ];
  it.each(cases)("HTTP %i → exit %i", async (status, body, code, stderr) => {
    const server = await serve(() => ({ status, body }));
    expect(await run(SHOW, envFor(server))).toEqual({ code, stdout: "", stderr });
  });

  it("exit 6 when the server is unreachable", async () => {
    const server = await startServer({});
    await server.close();
    const result = await run(SHOW, envFor(server));
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(new RegExp(`^error: cannot reach ${server.url}: connect ECONNREFUSED`));
  });
});

describe("nothing is sent when the command line or connection settings are wrong", () => {
  /** @type {[string[], Record<string, string>, number, RegExp][]} */
  const cases = [
    [["webhook", "create", "-r", "reg", "-n", "h", "--uri", "u"], {}, 2, /^error: the following arguments are required: --actions\n/],
    [["webhook", "show", "-r", "reg", "-n", "h", "--bogus"], {}, 2, /^error: unrecognized argument: --bogus\n/],
    [["webhook", "show", "-r", "reg", "-n", "h", "-o", "yaml"], {}, 2, /^error: argument --output: invalid choice/],
    [["webhook", "update", "-r", "reg", "-n", "h", "--status", "off"], {}, 2, /^error: argument --status: invalid choice/],
    [["webhook", "create", "-r", "reg", "-n", "h", "--uri", "u", "--actions", "build"], {}, 2, /^error: argument --actions: invalid choice/],
    [["webhook", "create", "-r", "reg", "-n", "h", "--uri", "u", "--actions", "push", "--headers", "x"], {}, 2, /^error: argument --headers/],
    [["webhook", "update", "-r", "reg", "-n", "h", "--headers", "X-Emoji=€ 😀"], {}, 2, /^error: argument --headers: the value of 'X-Emoji' may contain only printable ASCII/],
    [["webhook", "update", "-r", "reg", "-n", "h", "--uri", "http://127.0.0.1:3945/ok\r\nX-Evil: 1"], {}, 2, /^error: argument --uri: the URI cannot contain spaces, line breaks or control characters\n/],
    [["webhook", "update", "-r", "reg", "-n", "h"], {}, 2, /^error: nothing to update/],
    [["webhook", "nope"], {}, 2, /^error: 'nope' is not a webhook command\nRun 'registry-webhooks webhook --help'/],
    [["webhook", "list", "-r", "reg"], { REGISTRY_WEBHOOKS_URL: "" }, 2, /^error: no server URL: pass --url or set REGISTRY_WEBHOOKS_URL\n/],
    [["webhook", "list", "-r", "reg"], { REGISTRY_WEBHOOKS_URL: "ftp://x" }, 2, /^error: REGISTRY_WEBHOOKS_URL: 'ftp:\/\/x' is not an http or https URL/],
    [["webhook", "list", "-r", "reg", "--url", "not a url"], {}, 2, /^error: --url: 'not a url' is not a URL/],
    [["webhook", "list", "-r", "reg"], { REGISTRY_WEBHOOKS_TOKEN: "" }, 3, /^error: no token: pass --token or set REGISTRY_WEBHOOKS_TOKEN\n$/],
    [["webhook", "list", "-r", "reg", "--token", "a b"], {}, 2, /^error: the token contains whitespace/],
  ];
  it.each(cases)("%j %j → exit %i", async (argv, envOverride, code, stderr) => {
    const server = await serve(() => ({ status: 200, body: { value: [] } }));
    const result = await run(argv, { ...envFor(server), ...envOverride });
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(stderr);
    expect(server.requests).toHaveLength(0);
  });
});

describe("connection settings", () => {
  it("flags override the environment", async () => {
    const server = await serve(() => ({ status: 200, body: { value: [] } }));
    const env = { REGISTRY_WEBHOOKS_URL: "http://127.0.0.1:9", REGISTRY_WEBHOOKS_TOKEN: "env-token" };
    const result = await run(["webhook", "list", "-r", "reg", "--url", `${server.url}/`, "--token", "flag-token"], env);
    expect(result.code).toBe(0);
    expect(server.requests[0].headers.authorization).toBe("Bearer flag-token");
  });

  it("encodes registry and webhook names into the path", async () => {
    const server = await serve(() => ({ status: 200, body: webhook("a/b") }));
    await run(["webhook", "show", "-r", "my reg", "-n", "a/b"], envFor(server));
    expect(server.requests[0].path).toBe("/api/registries/my%20reg/webhooks/a%2Fb");
  });
});

describe("help", () => {
  it.each([[[]], [["--help"]], [["webhook"]], [["webhook", "-h"]], [["webhook", "update", "--help"]]])("%j exits 0 with usage on stdout", async (argv) => {
    const result = await run(argv, {});
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage:$/m);
  });
});

describe("the bin script", () => {
  it("runs main with the real process streams and sets the exit code", async () => {
    const server = await serve((req) =>
      req.path.endsWith("/ping") ? { status: 200, body: { id: "evt-9" } } : { status: 404, body: { error: { code: "NotFound", message: "No such webhook." } } },
    );
    /** @param {string[]} args */
    const exec = (args) =>
      new Promise((resolve) => {
        // Async on purpose: a sync spawn would block this process's server from answering.
        execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...envFor(server) } }, (err, stdout, stderr) =>
          resolve({ code: err ? err.code : 0, stdout, stderr }),
        );
      });
    expect(await exec(["webhook", "ping", "-r", "reg", "-n", "hook"])).toEqual({ code: 0, stdout: "evt-9\n", stderr: "" });
    expect(await exec(["webhook", "show", "-r", "reg", "-n", "nope"])).toEqual({ code: 4, stdout: "", stderr: "error: No such webhook.\n" });
  });
});
