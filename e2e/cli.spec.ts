import { expect, test, REGISTRY } from "./fixtures";
import { createApiTokenThroughUi } from "./support/api-tokens";
import { runCli } from "./support/cli";
import { E2E_BASE_URL } from "./support/settings";

// The registry-webhooks CLI against the running portal, through its REST API and a real
// personal API token, in both output formats, and every way it can fail.

test.describe.configure({ mode: "serial" });

let contributorToken = "";
let readerToken = "";

test.beforeAll(async ({ browser }) => {
  contributorToken = await createApiTokenThroughUi(browser, "contributor", { name: `cli-${Date.now()}` });
  readerToken = await createApiTokenThroughUi(browser, "reader", { name: `cli-${Date.now()}` });
});

const asContributor = () => ({ REGISTRY_WEBHOOKS_URL: E2E_BASE_URL, REGISTRY_WEBHOOKS_TOKEN: contributorToken });

test("create, ping, list-events, update, get-config and delete, as tables", async ({ receiver, uniqueName }) => {
  const name = uniqueName("cli");
  const env = asContributor();
  const hook = receiver.url("/cli-hook?key=cli-secret");

  const created = await runCli(["webhook", "create", "-r", REGISTRY, "-n", name, "--uri", hook, "--actions", "push", "delete", "--headers", "X-Team=platform", "--scope", "app:*"], env);
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const [header, rule, row] = created.stdout.trimEnd().split("\n");
  expect(header.split(/\s{2,}/)).toEqual(["NAME", "ACTIONS", "SCOPE", "STATUS"]);
  expect(rule).toMatch(/^-+(\s+-+){3}$/);
  expect(row.split(/\s{2,}/)).toEqual([name, "push, delete", "app:*", "enabled"]);

  const listed = await runCli(["webhook", "list", "-r", REGISTRY], env);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`^${name}\\s+push, delete\\s+app:\\*\\s+enabled$`, "m"));

  const pinged = await runCli(["webhook", "ping", "-r", REGISTRY, "-n", name], env);
  expect(pinged.code).toBe(0);
  const eventId = pinged.stdout.trim();
  expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
  expect(receiver.requestsTo("/cli-hook?key=cli-secret")).toHaveLength(1);
  expect(receiver.requestsTo("/cli-hook?key=cli-secret")[0].headers["x-team"]).toBe("platform");

  const events = await runCli(["webhook", "list-events", "-r", REGISTRY, "-n", name], env);
  expect(events.code).toBe(0);
  const [eventsHeader, , eventRow] = events.stdout.trimEnd().split("\n");
  expect(eventsHeader.split(/\s{2,}/)).toEqual(["ID", "ACTION", "IMAGE", "HTTP STATUS", "TIMESTAMP"]);
  expect(eventRow).toMatch(new RegExp(`^${eventId}\\s+ping\\s+200\\s+\\d{4}-\\d{2}-\\d{2}T`));

  const updated = await runCli(["webhook", "update", "-r", REGISTRY, "-n", name, "--status", "disabled", "--scope", "app:v1"], env);
  expect(updated.code).toBe(0);
  expect(updated.stdout).toMatch(new RegExp(`^${name}\\s+push, delete\\s+app:v1\\s+disabled$`, "m"));

  const shown = await runCli(["webhook", "show", "-r", REGISTRY, "-n", name], env);
  expect(shown.stdout).toMatch(new RegExp(`^${name}\\s+push, delete\\s+app:v1\\s+disabled$`, "m"));
  expect(shown.stdout).not.toContain("cli-secret");

  const config = await runCli(["webhook", "get-config", "-r", REGISTRY, "-n", name], env);
  expect(config.code).toBe(0);
  expect(config.stdout).toContain(hook);
  expect(config.stdout).toContain("X-Team: platform");

  const deleted = await runCli(["webhook", "delete", "-r", REGISTRY, "-n", name], env);
  expect(deleted).toEqual({ code: 0, stdout: "", stderr: "" });
  const again = await runCli(["webhook", "delete", "-r", REGISTRY, "-n", name], env);
  expect(again.code).toBe(0);
  const gone = await runCli(["webhook", "show", "-r", REGISTRY, "-n", name], env);
  expect(gone.code).toBe(4);
  expect(gone.stderr).toContain(`Webhook "${name}" does not exist in ${REGISTRY}.`);
});

test("the same flow in JSON is the API's ARM shapes, without secrets outside get-config", async ({ receiver, uniqueName }) => {
  const name = uniqueName("clijson");
  const env = asContributor();
  const hook = receiver.url("/cli-json");
  const json = async (args: string[]) => {
    const run = await runCli([...args, "-o", "json"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  const created = await json(["webhook", "create", "-r", REGISTRY, "-n", name, "--uri", hook, "--actions", "push", "--headers", "Authorization=Bearer cli-header-secret"]);
  expect(created).toEqual({
    id: `/registries/${REGISTRY}/webhooks/${name}`,
    name,
    type: "Microsoft.ContainerRegistry/registries/webhooks",
    properties: { status: "enabled", scope: "", actions: ["push"], payloadFormat: "acr", provisioningState: "Succeeded" },
  });
  const listed = await json(["webhook", "list", "-r", REGISTRY]);
  expect(listed.find((webhook: { name: string }) => webhook.name === name)).toEqual(created);

  const { id } = await json(["webhook", "ping", "-r", REGISTRY, "-n", name]);
  const events = await json(["webhook", "list-events", "-r", REGISTRY, "-n", name]);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    id,
    eventRequestMessage: { method: "POST", requestUri: hook, content: { id, action: "ping" } },
    eventResponseMessage: { statusCode: "200", reasonPhrase: "OK" },
  });
  expect(events[0].eventRequestMessage.headers.Authorization ?? events[0].eventRequestMessage.headers.authorization).toBe("******");
  expect(JSON.stringify(events)).not.toContain("cli-header-secret");

  const updated = await json(["webhook", "update", "-r", REGISTRY, "-n", name, "--actions", "push", "delete"]);
  expect(updated.properties.actions).toEqual(["push", "delete"]);
  expect(await json(["webhook", "get-config", "-r", REGISTRY, "-n", name])).toEqual({
    serviceUri: hook,
    customHeaders: { Authorization: "Bearer cli-header-secret" },
  });
  expect((await runCli(["webhook", "delete", "-r", REGISTRY, "-n", name], env)).code).toBe(0);
});

test("each failure says what went wrong and exits with its own code", async ({ uniqueName }) => {
  const env = asContributor();
  const name = uniqueName("clifail");

  const badFlag = await runCli(["webhook", "create", "-r", REGISTRY, "-n", name, "--uri", "https://example.com/x", "--actions", "push", "--colour", "blue"], env);
  expect(badFlag.code).toBe(2);
  expect(badFlag.stderr).toContain("error: unrecognized argument: --colour");

  const invalid = await runCli(["webhook", "create", "-r", REGISTRY, "-n", "UPPER", "--uri", "ftp://example.com/x", "--actions", "push"], env);
  expect(invalid.code).toBe(5);
  expect(invalid.stderr).toContain("properties.serviceUri: ");
  expect(invalid.stderr).toMatch(/name: .*lowercase/i);

  const noToken = await runCli(["webhook", "list", "-r", REGISTRY], { REGISTRY_WEBHOOKS_URL: E2E_BASE_URL });
  expect(noToken.code).toBe(3);
  expect(noToken.stderr).toContain("REGISTRY_WEBHOOKS_TOKEN");

  const wrongToken = await runCli(["webhook", "list", "-r", REGISTRY], { REGISTRY_WEBHOOKS_URL: E2E_BASE_URL, REGISTRY_WEBHOOKS_TOKEN: "rwt_not-a-real-token" });
  expect(wrongToken.code).toBe(3);
  expect(wrongToken.stderr).toContain("Sign in, or send a valid API token");

  const reader = { REGISTRY_WEBHOOKS_URL: E2E_BASE_URL, REGISTRY_WEBHOOKS_TOKEN: readerToken };
  expect((await runCli(["webhook", "list", "-r", REGISTRY], reader)).code).toBe(0);
  const forbidden = await runCli(["webhook", "create", "-r", REGISTRY, "-n", name, "--uri", "https://example.com/x", "--actions", "push"], reader);
  expect(forbidden.code).toBe(3);
  expect(forbidden.stderr).toContain("This needs the Contributor role; you have Reader.");

  const missing = await runCli(["webhook", "show", "-r", "nosuchregistry", "-n", name], env);
  expect(missing.code).toBe(4);

  const unreachable = await runCli(["webhook", "list", "-r", REGISTRY, "--url", "http://127.0.0.1:9"], { REGISTRY_WEBHOOKS_TOKEN: contributorToken });
  expect(unreachable.code).toBe(6);
  expect(unreachable.stderr).toContain("error: cannot reach http://127.0.0.1:9");

  const help = await runCli(["webhook", "list-events", "--help"]);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("registry-webhooks webhook list-events -r REGISTRY -n NAME");
});
