import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STORED_BODY_BYTES } from "./body";
import { parseAllowlist } from "../config/host-allowlist";
import { buildRequestHeaders, sendWebhookRequest, USER_AGENT } from "./send";

const loopbackAllowed = parseAllowlist("127.0.0.1");

// A real receiver on 127.0.0.1: each path answers differently.
let baseUrl = "";
const received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() });
    if (req.url === "/ok") res.writeHead(200, { "X-Reply": "yes" }).end('{"ok":true}');
    else if (req.url === "/teapot") res.writeHead(418, "I'm a teapot").end();
    else if (req.url === "/redirect") res.writeHead(302, { Location: `${baseUrl}/ok` }).end();
    else if (req.url === "/huge") res.writeHead(200).end("y".repeat(MAX_STORED_BODY_BYTES * 3));
    // "/hang" never answers.
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (path: string, extra: Partial<Parameters<typeof sendWebhookRequest>[0]> = {}) =>
  sendWebhookRequest({
    uri: `${baseUrl}${path}`,
    customHeaders: [],
    body: '{"action":"ping"}',
    timeoutMs: 2000,
    allowlist: loopbackAllowed,
    ...extra,
  });

describe("sendWebhookRequest", () => {
  it("POSTs the body with JSON content type and custom headers, and records the response", async () => {
    const result = await send("/ok", { customHeaders: [["Authorization", "Bearer t"]] });
    const got = received.at(-1)!;
    expect(got.body).toBe('{"action":"ping"}');
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["authorization"]).toBe("Bearer t");
    expect(got.headers["user-agent"]).toBe(USER_AGENT);
    expect(result.error).toBeNull();
    expect(result.response).toMatchObject({ status: 200, reason: "OK", body: { text: '{"ok":true}', isTruncated: false } });
    expect(result.response!.headers).toContainEqual(["X-Reply", "yes"]);
    expect(result.request.headers).toContainEqual(["Authorization", "Bearer t"]);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps the receiver's reason phrase", async () => {
    const result = await send("/teapot");
    expect(result.response).toMatchObject({ status: 418, reason: "I'm a teapot" });
  });

  it("does not follow redirects", async () => {
    const before = received.length;
    const result = await send("/redirect");
    expect(result.response?.status).toBe(302);
    expect(received.length - before).toBe(1);
  });

  it("stores at most 64 KiB of a response body and says it was cut", async () => {
    const result = await send("/huge");
    expect(result.response?.body.text).toHaveLength(MAX_STORED_BODY_BYTES);
    expect(result.response?.body.isTruncated).toBe(true);
  });

  it("gives up after the timeout, in words", async () => {
    const result = await send("/hang", { timeoutMs: 300 });
    expect(result.response).toBeNull();
    expect(result.error).toBe("Timed out after 0.3 s");
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("says the connection was refused when nothing listens", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await sendWebhookRequest({
      uri: `http://127.0.0.1:${port}/`,
      customHeaders: [],
      body: "{}",
      timeoutMs: 2000,
      allowlist: loopbackAllowed,
    });
    expect(result).toMatchObject({ response: null, error: "Connection refused" });
  });

  // Stored rows from before header values were checked must fail one attempt at a time,
  // with a reason, instead of throwing out of the worker (which retried them forever).
  it.each([
    { header: ["X-Emoji", "€ 😀"], error: 'Not sent: the header "X-Emoji" has a value HTTP does not allow (only printable ASCII, spaces and tabs)' },
    { header: ["X-Split", "a\r\nX-Evil: 1"], error: 'Not sent: the header "X-Split" has a value HTTP does not allow (only printable ASCII, spaces and tabs)' },
    { header: ["Bad Name", "x"], error: 'Not sent: the header "Bad Name" has a name HTTP does not allow' },
  ] as { header: [string, string]; error: string }[])("records a header Node refuses ($header) as a failed attempt without sending", async ({ header, error }) => {
    const before = received.length;
    const result = await send("/ok", { customHeaders: [header] });
    expect(result).toMatchObject({ response: null, error, isBlocked: false });
    expect(result.request.headers).toContainEqual(header);
    expect(received.length).toBe(before);
  });

  // Rows written before the service URI was checked: the URL parser would drop the line break
  // and send to "/okX-Evil:%201", which is not the address stored and shown.
  it.each([
    { uri: () => `${baseUrl}/ok\r\nX-Evil: 1`, error: "Not sent: The service URI cannot contain spaces, line breaks or control characters." },
    { uri: () => `${baseUrl}/o\tk`, error: "Not sent: The service URI cannot contain spaces, line breaks or control characters." },
    { uri: () => `${baseUrl}\\ok`, error: /^Not sent: The service URI cannot contain a backslash/ },
  ])("records a stored service URI the URL parser would change ($error) as a failed attempt without sending", async ({ uri, error }) => {
    const before = received.length;
    const result = await send("", { uri: uri() });
    expect(result).toMatchObject({ response: null, error, isBlocked: false });
    expect(received.length).toBe(before);
  });

  it.each([
    { what: "an object", customHeaders: { "X-A": "1" } },
    { what: "a null pair", customHeaders: [null] },
    { what: "a pair of three", customHeaders: [["X-A", "1", "2"]] },
    { what: "a value that is not text", customHeaders: [["X-A", 5]] },
  ])("records stored custom headers that are not name/value pairs ($what) as a failed attempt without sending", async ({ customHeaders }) => {
    const before = received.length;
    const result = await send("/ok", { customHeaders: customHeaders as never });
    expect(result).toMatchObject({
      response: null,
      error: "Not sent: the custom headers stored for this webhook are not a list of names and values; save them again",
      isBlocked: false,
    });
    expect(received.length).toBe(before);
  });

  it("records a service URI that is not an address as a failed attempt", async () => {
    const result = await send("", { uri: "http://[::1" });
    expect(result).toMatchObject({ response: null, error: "Not sent: the service URI is not a valid address" });
  });
});

describe("outbound policy in sendWebhookRequest", () => {
  it.each([
    { uri: () => `${baseUrl}/ok`, reason: /^Blocked by outbound policy: 127\.0\.0\.1 is a loopback address\. Set OUTBOUND_ALLOWLIST/ },
    { uri: () => baseUrl.replace("127.0.0.1", "localhost") + "/ok", reason: /^Blocked by outbound policy: localhost \(127\.0\.0\.1\) is a loopback address/ },
    { uri: () => baseUrl.replace("127.0.0.1", "2130706433") + "/ok", reason: /loopback address/ },
    { uri: () => baseUrl.replace("127.0.0.1", "[::ffff:127.0.0.1]") + "/ok", reason: /loopback address/ },
    { uri: () => baseUrl.replace("127.0.0.1", "[::127.0.0.1]") + "/ok", reason: /::7f00:1 is a loopback address \(IPv4-compatible form of 127\.0\.0\.1\)/ },
    { uri: () => baseUrl.replace("127.0.0.1", "[2002:7f00:1::]") + "/ok", reason: /loopback address \(6to4 form/ },
    { uri: () => baseUrl.replace("127.0.0.1", "[64:ff9b::7f00:1]") + "/ok", reason: /loopback address \(NAT64 form/ },
    { uri: () => "http://[2002:a9fe:a9fe::]/latest/meta-data/", reason: /cloud metadata address \(6to4 form of 169\.254\.169\.254\), which is never allowed/ },
  ])("refuses $uri without connecting", async ({ uri, reason }) => {
    const before = received.length;
    const result = await send("", { uri: uri(), allowlist: parseAllowlist("") });
    expect(result).toMatchObject({ response: null, isBlocked: true });
    expect(result.error).toMatch(reason);
    expect(received.length).toBe(before);
  });

  it("connects once the address is allowed", async () => {
    const result = await send("/ok", { allowlist: parseAllowlist("localhost"), uri: baseUrl.replace("127.0.0.1", "localhost") + "/ok" });
    expect(result.response?.status).toBe(200);
  });
});

describe("buildRequestHeaders", () => {
  it.each([
    { custom: [], expected: [["Content-Type", "application/json"], ["User-Agent", USER_AGENT]] },
    {
      custom: [["content-type", "text/plain"]],
      expected: [["User-Agent", USER_AGENT], ["content-type", "text/plain"]],
    },
    {
      custom: [["User-Agent", "mine"], ["X-A", "1"]],
      expected: [["Content-Type", "application/json"], ["User-Agent", "mine"], ["X-A", "1"]],
    },
  ] as { custom: [string, string][]; expected: [string, string][] }[])("custom $custom", ({ custom, expected }) => {
    expect(buildRequestHeaders(custom)).toEqual(expected);
  });

  it("sends the payload format's Content-Type unless the admin set one", () => {
    expect(buildRequestHeaders([], "application/cloudevents+json")[0]).toEqual(["Content-Type", "application/cloudevents+json"]);
    expect(buildRequestHeaders([["Content-Type", "text/plain"]], "application/cloudevents+json")).toEqual([
      ["User-Agent", USER_AGENT],
      ["Content-Type", "text/plain"],
    ]);
  });
});
