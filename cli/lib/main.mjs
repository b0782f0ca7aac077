// The whole program as a function of (argv, env, streams) → exit code, so tests can run it
// in-process against a local server; the bin script only wires it to the real process.
import { parseCli } from "./args.mjs";
import { createClient } from "./client.mjs";
import { runCommand } from "./commands.mjs";
import { CliError, EXIT, UsageError } from "./errors.mjs";
import { helpText } from "./help.mjs";

/**
 * @typedef {object} Io
 * @property {Record<string, string | undefined>} env
 * @property {{ write(text: string): unknown }} stdout
 * @property {{ write(text: string): unknown }} stderr
 * @property {typeof fetch} [fetch] defaults to the global fetch
 */

/**
 * @param {string[]} argv arguments after the program name
 * @param {Io} io
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, { env, stdout, stderr, fetch }) {
  try {
    const parsed = parseCli(argv);
    if (parsed.kind === "help") {
      stdout.write(helpText(parsed.topic));
      return EXIT.OK;
    }
    const { command, options } = parsed;
    const connection = resolveConnection(options, env, `webhook ${command}`);
    const client = createClient({ ...connection, fetch });
    stdout.write(await runCommand(command, options, client));
    return EXIT.OK;
  } catch (err) {
    if (err instanceof CliError) {
      stderr.write(`${err.lines().join("\n")}\n`);
      return err.exitCode;
    }
    // A bug, not a user or server problem: keep the stack so it can be reported.
    stderr.write(`error: unexpected failure: ${err instanceof Error ? err.stack : String(err)}\n`);
    return EXIT.ERROR;
  }
}

/**
 * Server URL and token: flags win over the environment. Checked before anything is sent;
 * an empty value counts as missing, as an unset variable would.
 * @param {{ url?: string, token?: string }} options
 * @param {Record<string, string | undefined>} env
 * @param {string} helpCommand
 * @returns {{ url: string, token: string }}
 */
export function resolveConnection(options, env, helpCommand) {
  const fromFlag = options.url !== undefined && options.url !== "";
  const url = (fromFlag ? options.url : env.REGISTRY_WEBHOOKS_URL)?.trim();
  if (!url) throw new UsageError("no server URL: pass --url or set REGISTRY_WEBHOOKS_URL", helpCommand);
  const source = fromFlag ? "--url" : "REGISTRY_WEBHOOKS_URL";
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${source}: '${url}' is not a URL (expected e.g. http://localhost:3000)`, helpCommand);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`${source}: '${url}' is not an http or https URL`, helpCommand);
  }
  // Paths are appended to the URL, and fetch refuses URLs with credentials: reject both early.
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new UsageError(`${source}: '${url}' must not have credentials, a query or a fragment`, helpCommand);
  }
  const token = (options.token || env.REGISTRY_WEBHOOKS_TOKEN || "").trim();
  if (!token) throw new CliError("no token: pass --token or set REGISTRY_WEBHOOKS_TOKEN", EXIT.AUTH);
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    throw new UsageError("the token contains whitespace or control characters; check --token or REGISTRY_WEBHOOKS_TOKEN", helpCommand);
  }
  return { url, token };
}
