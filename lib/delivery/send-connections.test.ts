import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowlist } from "../config/host-allowlist";
import { sendWebhookRequest } from "./send";

// How sendWebhookRequest uses its connections (kept alive, never across allowlists) and what
// it makes of receivers that misbehave. send.test.ts covers the ordinary answers.

let port = 0;
let connections = 0;
const received: { path: string; headers: http.IncomingHttpHeaders }[] = [];
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers });
    if (req.url === "/no-reason") {
      res.writeHead(204, "");
      res.end();
    } else if (req.url === "/status-then-drop") {
      res.writeHead(200, { "Content-Length": "100" });
      res.write("partial");
      setTimeout(() => res.socket?.destroy(), 20);
    } else if (req.url === "/close-without-answer") {
      res.socket?.end();
    } else if (req.url === "/repeated-headers") {
      res.writeHead(200, ["Set-Cookie", "a=1", "X-First", "1", "x-second", "2", "Set-Cookie", "b=2", "X-First", "3"]).end();
    } else res.writeHead(200).end("ok");
  });
});
server.on("connection", () => connections++);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (uri: string, allowlist: string, customHeaders: [string, string][] = []) =>
  sendWebhookRequest({ uri, customHeaders, body: "{}", timeoutMs: 2000, allowlist: parseAllowlist(allowlist) });

describe("connections", () => {
  it("reuses kept-alive connections for later requests under the same allowlist", async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) expect((await send(`http://localhost:${port}/again`, "localhost")).response?.status).toBe(200);
    // The pool may open a second connection while the first is being released, no more.
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  // A node:http Agent keys its sockets by host and port: the second request went out on the
  // socket the first one opened, and its lookup (the outbound policy) never ran.
  it("never sends a request on a connection opened under another allowlist", async () => {
    const allowed = await send(`http://localhost:${port}/allowed`, "localhost");
    expect(allowed.response?.status).toBe(200);
    const before = received.length;
    const refused = await send(`http://localhost:${port}/refused`, "");
    expect(refused).toMatchObject({ response: null, isBlocked: true });
    expect(refused.error).toMatch(/^Blocked by outbound policy: localhost \(127\.0\.0\.1\) is a loopback address/);
    expect(received.length).toBe(before);
  });

  it("runs the outbound policy's lookup for https too", async () => {
    const result = await send(`https://localhost:${port}/`, "");
    expect(result).toMatchObject({ response: null, isBlocked: true });
    expect(result.error).toMatch(/localhost \(127\.0\.0\.1\) is a loopback address/);
  });
});

describe("answers", () => {
  it("names the status when the receiver gives no reason phrase", async () => {
    const result = await send(`http://127.0.0.1:${port}/no-reason`, "127.0.0.1");
    expect(result.response).toMatchObject({ status: 204, reason: "No Content" });
  });

  it("keeps response header lines as received, repeats and case included", async () => {
    const result = await send(`http://127.0.0.1:${port}/repeated-headers`, "127.0.0.1");
    const headers = result.response!.headers.filter(([name]) => /^(x-first|x-second|set-cookie)$/i.test(name));
    expect(headers).toEqual([["Set-Cookie", "a=1"], ["X-First", "1"], ["x-second", "2"], ["Set-Cookie", "b=2"], ["X-First", "3"]]);
  });

  it("counts a status followed by a dropped connection as an answer", async () => {
    const result = await send(`http://127.0.0.1:${port}/status-then-drop`, "127.0.0.1");
    expect(result).toMatchObject({ error: null, response: { status: 200, body: { text: "partial" } } });
  });

  it("says the connection was reset when the receiver closes it without answering", async () => {
    const result = await send(`http://127.0.0.1:${port}/close-without-answer`, "127.0.0.1");
    expect(result).toMatchObject({ response: null, error: "Connection reset by the receiver" });
  });

  it("sends user:pass@ in the service URI as Basic credentials", async () => {
    await send(`http://us%40er:p%3Ass@127.0.0.1:${port}/basic`, "127.0.0.1");
    expect(received.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from("us@er:p:ss").toString("base64")}`);
  });

  it("lets an Authorization header win over credentials in the URI", async () => {
    await send(`http://user:pass@127.0.0.1:${port}/basic`, "127.0.0.1", [["Authorization", "Bearer t"]]);
    expect(received.at(-1)!.headers.authorization).toBe("Bearer t");
  });

  it("records a header undici will not send as a failed attempt without sending", async () => {
    const before = received.length;
    const result = await send(`http://127.0.0.1:${port}/upgrade`, "127.0.0.1", [["Upgrade", "websocket"]]);
    expect(result).toMatchObject({ response: null, error: "Not sent: the request could not be built (UND_ERR_INVALID_ARG: invalid upgrade header)", isBlocked: false });
    expect(received.length).toBe(before);
  });
});
