import { describe, it, expect } from "vitest";
import { CliError, EXIT, httpError, readErrorBody, unreachableError, UsageError } from "./errors.mjs";

/** @type {(code: string, message: string, details?: object[]) => string} */
const arm = (code, message, details) => JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } });

describe("httpError maps status and body to exit code and stderr lines", () => {
  /** @type {[number, string, number, string[]][]} */
  const cases = [
    [401, arm("Unauthorized", "The token is missing or invalid."), EXIT.AUTH,
      ["error: The token is missing or invalid.", "hint: pass a valid token with --token or set REGISTRY_WEBHOOKS_TOKEN"]],
    [403, arm("Forbidden", "The token may not change webhooks."), EXIT.AUTH, ["error: The token may not change webhooks."]],
    [404, arm("NotFound", "Webhook \"h\" does not exist in reg."), EXIT.NOT_FOUND, ['error: Webhook "h" does not exist in reg.']],
    [400, arm("ValidationFailed", "The webhook is not valid.", [
      { target: "properties.serviceUri", message: "Enter an absolute http or https URL." },
      { target: "properties.actions", message: "Choose at least one action." },
    ]), EXIT.VALIDATION, [
      "error: The webhook is not valid.",
      "  properties.serviceUri: Enter an absolute http or https URL.",
      "  properties.actions: Choose at least one action.",
    ]],
    [400, arm("ValidationFailed", "Bad request."), EXIT.VALIDATION, ["error: Bad request."]],
    [400, "bad things\nsecond line", EXIT.VALIDATION, ["error: HTTP 400: bad things"]],
    [429, arm("TooManyRequests", "Slow down."), EXIT.ERROR, ["error: HTTP 429 TooManyRequests: Slow down."]],
    [409, arm("", "Conflict."), EXIT.ERROR, ["error: HTTP 409: Conflict."]],
    [500, arm("InternalError", "Boom."), EXIT.ERROR, ["error: HTTP 500 InternalError: Boom."]],
    [502, "<html><body>Bad Gateway</body></html>\n<p>nginx</p>", EXIT.ERROR, ["error: HTTP 502: <html><body>Bad Gateway</body></html>"]],
    [503, "", EXIT.ERROR, ["error: HTTP 503"]],
    [401, "Unauthorized", EXIT.AUTH,
      ["error: HTTP 401: Unauthorized", "hint: pass a valid token with --token or set REGISTRY_WEBHOOKS_TOKEN"]],
    [500, JSON.stringify({ message: "not ARM-shaped" }), EXIT.ERROR, ['error: HTTP 500: {"message":"not ARM-shaped"}']],
  ];
  it.each(cases)("HTTP %i %s", (status, body, exitCode, lines) => {
    const error = httpError(status, body);
    expect(error).toBeInstanceOf(CliError);
    expect(error.exitCode).toBe(exitCode);
    expect(error.lines()).toEqual(lines);
  });

  it("cuts a long non-JSON first line", () => {
    expect(readErrorBody(500, "x".repeat(1000)).message).toBe(`HTTP 500: ${"x".repeat(200)}`);
  });

  it("ignores malformed details entries", () => {
    const body = JSON.stringify({ error: { code: "ValidationFailed", message: "m", details: [null, "x", { target: "t" }] } });
    expect(httpError(400, body).lines()).toEqual(["error: m", "  t: "]);
  });
});

describe("unreachableError", () => {
  const refused = Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
  });
  const dual = Object.assign(new TypeError("fetch failed"), {
    cause: new AggregateError([new Error("connect ECONNREFUSED ::1:9"), new Error("connect ECONNREFUSED 127.0.0.1:9")]),
  });
  const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
  it.each([
    [refused, "connect ECONNREFUSED 127.0.0.1:9"],
    [dual, "connect ECONNREFUSED ::1:9"],
    [timeout, "timed out"],
    [new TypeError("fetch failed"), "fetch failed"],
    ["weird", "weird"],
  ])("%s", (cause, text) => {
    const error = unreachableError("http://localhost:9", cause);
    expect(error.exitCode).toBe(EXIT.UNREACHABLE);
    expect(error.lines()).toEqual([`error: cannot reach http://localhost:9: ${text}`]);
  });
});

describe("UsageError", () => {
  it("exits 2 and points at the right help", () => {
    expect(new UsageError("bad", "webhook show").lines()).toEqual([
      "error: bad",
      "Run 'registry-webhooks webhook show --help' for usage.",
    ]);
    expect(new UsageError("bad").lines()[1]).toBe("Run 'registry-webhooks --help' for usage.");
    expect(new UsageError("bad").exitCode).toBe(2);
  });

  it("keeps the documented exit codes", () => {
    expect(EXIT).toEqual({ OK: 0, ERROR: 1, USAGE: 2, AUTH: 3, NOT_FOUND: 4, VALIDATION: 5, UNREACHABLE: 6 });
  });
});
