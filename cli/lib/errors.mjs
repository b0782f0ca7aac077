// Errors and exit codes. Every failure the CLI reports is a CliError carrying the exact
// stderr lines and exit code, so main() has one place that prints and exits.

/** Exit codes; scripts branch on these, so they are part of the CLI's contract. */
export const EXIT = Object.freeze({
  OK: 0,
  ERROR: 1,
  USAGE: 2,
  AUTH: 3,
  NOT_FOUND: 4,
  VALIDATION: 5,
  UNREACHABLE: 6,
});

/** Longest slice of a non-JSON body we echo: enough to recognise a proxy page, not a dump. */
const MAX_BODY_LINE = 200;

export class CliError extends Error {
  /**
   * @param {string} message first line, printed as `error: <message>`
   * @param {number} exitCode one of EXIT
   * @param {string[]} [extra] further stderr lines, printed as given
   */
  constructor(message, exitCode, extra = []) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
    this.extra = extra;
  }

  /** @returns {string[]} the stderr lines, without trailing newlines */
  lines() {
    return [`error: ${this.message}`, ...this.extra];
  }
}

export class UsageError extends CliError {
  /**
   * @param {string} message
   * @param {string} [helpCommand] e.g. "webhook create": names the --help to point at
   */
  constructor(message, helpCommand) {
    const where = helpCommand ? ` ${helpCommand}` : "";
    super(message, EXIT.USAGE, [`Run 'registry-webhooks${where} --help' for usage.`]);
    this.name = "UsageError";
  }
}

/**
 * Reads an ARM error body `{ error: { code, message, details } }`; anything else (a proxy's
 * HTML page, plain text, empty) falls back to the HTTP status and the body's first line.
 * @param {number} status
 * @param {string} text raw response body
 * @returns {{ code: string, message: string, details: { target: string, message: string }[] }}
 */
export function readErrorBody(status, text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = parsed && typeof parsed === "object" ? parsed.error : undefined;
  if (error && typeof error === "object" && typeof error.message === "string") {
    const details = Array.isArray(error.details) ? error.details : [];
    return {
      code: typeof error.code === "string" ? error.code : "",
      message: error.message,
      details: details
        .filter((/** @type {any} */ d) => d && typeof d === "object")
        .map((/** @type {any} */ d) => ({ target: String(d.target ?? ""), message: String(d.message ?? "") })),
    };
  }
  const firstLine = (text ?? "").trim().split(/\r?\n/, 1)[0].slice(0, MAX_BODY_LINE);
  return { code: "", message: firstLine ? `HTTP ${status}: ${firstLine}` : `HTTP ${status}`, details: [] };
}

/**
 * Maps a failed HTTP response to the CLI's exit codes and messages.
 * @param {number} status
 * @param {string} text raw response body
 * @returns {CliError}
 */
export function httpError(status, text) {
  const { code, message, details } = readErrorBody(status, text);
  switch (status) {
    case 401:
      return new CliError(message, EXIT.AUTH, [
        "hint: pass a valid token with --token or set REGISTRY_WEBHOOKS_TOKEN",
      ]);
    case 403:
      return new CliError(message, EXIT.AUTH);
    case 404:
      return new CliError(message, EXIT.NOT_FOUND);
    case 400:
      return new CliError(
        message,
        EXIT.VALIDATION,
        details.map((d) => `  ${d.target}: ${d.message}`),
      );
    default: {
      // Other statuses (409, 429, 5xx...) share exit 1; the code tells them apart for a human.
      const prefix = message.startsWith(`HTTP ${status}`) ? "" : `HTTP ${status}${code ? ` ${code}` : ""}: `;
      return new CliError(`${prefix}${message}`, EXIT.ERROR);
    }
  }
}

/**
 * The error for a request that never got an HTTP answer (refused, DNS, TLS, timeout).
 * @param {string} url what we tried to reach
 * @param {unknown} err what fetch threw
 * @returns {CliError}
 */
export function unreachableError(url, err) {
  return new CliError(`cannot reach ${url}: ${describeCause(err)}`, EXIT.UNREACHABLE);
}

/**
 * fetch wraps the useful part ("connect ECONNREFUSED 127.0.0.1:9") in err.cause behind a
 * generic "fetch failed"; prefer the cause so the message says what actually went wrong.
 * @param {unknown} err
 * @returns {string}
 */
function describeCause(err) {
  if (err && typeof err === "object") {
    const e = /** @type {{ name?: string, message?: string, cause?: any }} */ (err);
    if (e.name === "TimeoutError") return "timed out";
    const cause = e.cause;
    if (cause && typeof cause === "object") {
      if (cause.errors?.length) return describeCause({ cause: cause.errors[0] });
      if (cause.message) return cause.message;
      if (cause.code) return String(cause.code);
    }
    if (e.message) return e.message;
  }
  return String(err);
}
