import { describe, it, expect } from "vitest";
import { COMMANDS, parseCli, parseHeaders, parseSince } from "./args.mjs";
import { EXIT, UsageError } from "./errors.mjs";
import { COMMAND_HELP, helpText } from "./help.mjs";

const CREATE = ["webhook", "create", "-r", "reg", "-n", "hook", "--uri", "https://hooks.example/in"];

describe("parseCli: accepted command lines", () => {
  /** @type {[string, string[], string, Record<string, unknown>][]} */
  const cases = [
    ["actions take every following value", [...CREATE, "--actions", "push", "delete"], "create",
      { registry: "reg", name: "hook", uri: "https://hooks.example/in", actions: ["push", "delete"] }],
    ["long flags with =", ["webhook", "show", "--registry=reg", "--name=hook"], "show", { registry: "reg", name: "hook" }],
    ["headers split at the first '='", [...CREATE, "--actions", "push", "--headers", "Authorization=Basic YQ==", "X-Id=1"], "create",
      { headers: { Authorization: "Basic YQ==", "X-Id": "1" } }],
    ["repeated multi-value flags accumulate", [...CREATE, "--actions", "push", "--headers", "a=1", "--headers", "b=2", "--actions", "delete"], "create",
      { actions: ["push", "delete"], headers: { a: "1", b: "2" } }],
    ["a header value may be empty; a later key wins", [...CREATE, "--actions", "push", "--headers", "a=", "a=2"], "create", { headers: { a: "2" } }],
    ["duplicate actions collapse", [...CREATE, "--actions", "push", "push"], "create", { actions: ["push"] }],
    ["inline --actions=", [...CREATE, "--actions=delete"], "create", { actions: ["delete"] }],
    ["scope, status, output", [...CREATE, "--actions", "push", "--scope", "foo:*", "--status", "disabled", "-o", "json"], "create",
      { scope: "foo:*", status: "disabled", output: "json" }],
    ["flags in any order", ["webhook", "create", "--actions", "delete", "--uri", "u", "-n", "h", "-r", "reg"], "create",
      { registry: "reg", name: "h", uri: "u", actions: ["delete"] }],
    ["update clears scope with an empty value", ["webhook", "update", "-r", "reg", "-n", "h", "--scope", ""], "update", { scope: "" }],
    ["update with one field", ["webhook", "update", "-r", "reg", "-n", "h", "--status", "enabled"], "update", { status: "enabled" }],
    ["create with a payload format", [...CREATE, "--actions", "push", "--payload-format", "cloudevents"], "create", { payloadFormat: "cloudevents" }],
    ["update the payload format only", ["webhook", "update", "-r", "reg", "-n", "h", "--payload-format", "chat"], "update", { payloadFormat: "chat" }],
    ["list takes only the registry", ["webhook", "list", "-r", "reg"], "list", { registry: "reg" }],
    ["list-events --top", ["webhook", "list-events", "-r", "reg", "-n", "h", "--top", "25"], "list-events", { top: 25 }],
    ["url and token flags", ["webhook", "ping", "-r", "reg", "-n", "h", "--url", "http://x", "--token", "t"], "ping",
      { url: "http://x", token: "t" }],
    ["-o table", ["webhook", "get-config", "-r", "reg", "-n", "h", "-o", "table"], "get-config", { output: "table" }],
    ["delete", ["webhook", "delete", "-r", "reg", "-n", "h"], "delete", { registry: "reg", name: "h" }],
    ["recover --since a time", ["webhook", "recover", "-r", "reg", "-n", "h", "--since", "2020-01-02T03:04:05Z"], "recover",
      { registry: "reg", name: "h", since: "2020-01-02T03:04:05Z" }],
    ["sample --action delete", ["webhook", "sample", "-r", "reg", "-n", "h", "--action", "delete"], "sample",
      { registry: "reg", name: "h", action: "delete" }],
  ];
  it.each(cases)("%s", (_, argv, command, expected) => {
    const parsed = parseCli(argv);
    expect(parsed).toMatchObject({ kind: "run", command, options: expected });
  });

  it("leaves unset flags undefined, so update sends only what was given", () => {
    const parsed = parseCli(["webhook", "update", "-r", "reg", "-n", "h", "--uri", "u"]);
    expect(parsed.kind === "run" && Object.keys(parsed.options).sort()).toEqual(["name", "registry", "uri"]);
  });
});

describe("parseCli: help", () => {
  /** @type {[string[], string[]][]} */
  const cases = [
    [[], []],
    [["-h"], []],
    [["--help"], []],
    [["webhook"], ["webhook"]],
    [["webhook", "-h"], ["webhook"]],
    [["webhook", "create", "--help"], ["webhook", "create"]],
    // Help wins over missing or bad flags, as in az.
    [["webhook", "create", "-r", "reg", "--bogus", "-h"], ["webhook", "create"]],
    [["webhook", "list-events", "--help"], ["webhook", "list-events"]],
  ];
  it.each(cases)("%j → help %j", (argv, topic) => {
    expect(parseCli(argv)).toEqual({ kind: "help", topic });
  });
});

describe("parseCli: usage errors", () => {
  const SHOW = ["webhook", "show", "-r", "reg", "-n", "h"];
  /** @type {[string[], RegExp][]} */
  const cases = [
    [["acr"], /^unknown command 'acr'$/],
    [["--version"], /^unrecognized argument: --version$/],
    [["webhook", "frob"], /^'frob' is not a webhook command$/],
    [["webhook", "create", "-r", "reg", "-n", "h", "--actions", "push"], /required: --uri$/],
    [["webhook", "create"], /required: -r\/--registry, -n\/--name, --uri, --actions$/],
    [["webhook", "show", "-r", "reg"], /required: -n\/--name$/],
    [["webhook", "list", "-r", "reg", "-n", "h"], /^unrecognized argument: -n$/],
    [["webhook", "show", "-r", "reg", "-n", "h", "--uri", "u"], /^unrecognized argument: --uri$/],
    [[...SHOW, "--bogus"], /^unrecognized argument: --bogus$/],
    [[...SHOW, "extra"], /^unrecognized argument: extra$/],
    [[...SHOW, "--", "x"], /^unrecognized argument: x$/],
    [[...SHOW, "-o", "yaml"], /^argument --output: invalid choice: 'yaml' \(choose from 'table', 'json'\)$/],
    [[...SHOW, "-o"], /^argument -o\/--output: expected one argument$/],
    [["webhook", "show", "-r", "-n", "h"], /^argument -r\/--registry: expected one argument$/],
    [["webhook", "show", "-r", "", "-n", "h"], /^argument -r\/--registry: expected a non-empty value$/],
    [["webhook", "show", "-r", "reg", "-n", ".."], /^argument -n\/--name: '\.\.' is not a valid name$/],
    [[...CREATE, "--actions", "push", "--status", "on"], /^argument --status: invalid choice: 'on'/],
    [[...CREATE, "--actions", "push", "pull"], /^argument --actions: invalid choice: 'pull'/],
    [[...CREATE, "--actions", "push", "--payload-format", "slack"],
      /^argument --payload-format: invalid choice: 'slack' \(choose from 'acr', 'cloudevents', 'chat'\)$/],
    [[...CREATE, "--actions", "push", "--payload-format"], /^argument --payload-format: expected one argument$/],
    [[...CREATE, "--actions", "--scope", "s"], /^argument --actions: expected at least one argument$/],
    [[...CREATE, "--actions"], /^argument --actions: expected at least one argument$/],
    [[...CREATE, "--actions", "push", "--headers", "novalue"], /^argument --headers: expected key=value, got 'novalue'$/],
    [[...CREATE, "--actions", "push", "--headers", "=v"], /^argument --headers: expected key=value, got '=v'$/],
    [[...CREATE, "--actions", "push", "--headers", "bad key=v"], /'bad key' is not a valid header name/],
    [[...CREATE, "--actions", "push", "--headers", "k=a\nb"], /value of 'k' contains a control character/],
    [[...CREATE, "--actions", "push", "--headers", "k=a\u0085b"], /value of 'k' contains a control character/],
    [[...CREATE, "--actions", "push", "--headers", "X-Emoji=€ 😀"],
      /^argument --headers: the value of 'X-Emoji' may contain only printable ASCII characters, spaces and tabs$/],
    [["webhook", "create", "-r", "reg", "-n", "h", "--actions", "push", "--uri", "http://127.0.0.1:3945/ok\r\nX-Evil: 1"],
      /^argument --uri: the URI cannot contain spaces, line breaks or control characters$/],
    [["webhook", "update", "-r", "reg", "-n", "h", "--uri", "http://e.example/a\tb"], /^argument --uri: the URI cannot contain spaces/],
    [["webhook", "update", "-r", "reg", "-n", "h", "--uri", "http://e.example/a b"], /^argument --uri: the URI cannot contain spaces/],
    [["webhook", "update", "-r", "reg", "-n", "h", "--uri", "http://e.example/a\u0000b"], /^argument --uri: .*control characters$/],
    [["webhook", "create", "-r", "reg", "-n", "h", "--uri", "--actions", "push"], /^argument --uri: expected one argument$/],
    [["webhook", "update", "-r", "reg", "-n", "h"], /^nothing to update/],
    [["webhook", "update", "-r", "reg", "-n", "h", "-o", "json"], /^nothing to update/],
    [["webhook", "sample", "-r", "reg", "-n", "h"], /required: --action$/],
    [["webhook", "sample", "-r", "reg", "-n", "h", "--action", "ping"], /^argument --action: invalid choice: 'ping' \(choose from 'push', 'delete'\)$/],
    [["webhook", "sample", "-r", "reg", "-n", "h", "--actions", "push"], /^unrecognized argument: --actions$/],
    [["webhook", "list-events", "-r", "reg", "-n", "h", "--top", "0"], /--top: expected a positive whole number, got '0'/],
    [["webhook", "list-events", "-r", "reg", "-n", "h", "--top", "ten"], /--top: expected a positive whole number/],
    [["webhook", "list-events", "-r", "reg", "-n", "h", "--top", "-1"], /--top: expected one argument/],
    [["webhook", "recover", "-r", "reg", "-n", "h"], /required: --since$/],
    [["webhook", "recover", "-r", "reg", "-n", "h", "--since", "yesterday"], /^argument --since: expected a duration such as 24h, 90m or 2d, or a time/],
    [["webhook", "recover", "-r", "reg", "-n", "h", "--since", "2020-01-02T03:04:05"], /^argument --since: expected a duration/],
    [["webhook", "recover", "-r", "reg", "-n", "h", "--since", "2999-01-01T00:00:00Z"], /^argument --since: '2999-01-01T00:00:00Z' is in the future$/],
  ];
  it.each(cases)("%j → %s", (argv, message) => {
    let thrown;
    try {
      parseCli(argv);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    const error = /** @type {UsageError} */ (thrown);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(EXIT.USAGE);
    expect(error.lines()[0]).toBe(`error: ${error.message}`);
  });

  it("points the hint at the command's own help", () => {
    expect(() => parseCli(["webhook", "ping", "-r", "reg"])).toThrowError(
      expect.objectContaining({ extra: ["Run 'registry-webhooks webhook ping --help' for usage."] }),
    );
  });
});

describe("parseSince", () => {
  const now = Date.parse("2026-12-03T12:00:00Z");
  const fail = (/** @type {string} */ message) => new UsageError(message);
  it.each([
    ["24h", "2026-12-02T12:00:00.000Z"],
    ["90m", "2026-12-03T10:30:00.000Z"],
    ["2d", "2026-12-01T12:00:00.000Z"],
    ["30s", "2026-12-03T11:59:30.000Z"],
    ["2026-12-03T10:00:00+01:00", "2026-12-03T10:00:00+01:00"],
  ])("%s → %s", (value, expected) => {
    expect(parseSince(value, fail, now)).toBe(expected);
  });
});

describe("parseHeaders", () => {
  it.each([
    [["a=b"], { a: "b" }],
    [["a=b=c"], { a: "b=c" }],
    [["X-Token=abc=="], { "X-Token": "abc==" }],
    [["a=1", "b=2"], { a: "1", b: "2" }],
    [["a=x y\tz ~!"], { a: "x y\tz ~!" }],
  ])("%j → %j", (pairs, expected) => {
    expect(parseHeaders(pairs)).toEqual(expected);
  });
});

describe("help covers every command and flag", () => {
  it("has a help entry for exactly the parser's commands", () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it.each(Object.keys(COMMANDS))("webhook %s --help lists each of its flags", (command) => {
    const text = helpText(["webhook", command]);
    for (const [name, flag] of Object.entries(COMMANDS[command].flags)) {
      expect(text).toContain(`--${name}`);
      if (flag.short) expect(text).toContain(`-${flag.short}, --${name}`);
    }
    expect(text).toContain("-h, --help");
  });

  it("the group help lists every command", () => {
    const text = helpText(["webhook"]);
    for (const command of Object.keys(COMMANDS)) expect(text).toMatch(new RegExp(`^    ${command} `, "m"));
  });
});
