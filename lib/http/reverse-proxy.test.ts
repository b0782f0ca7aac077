import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { reverseProxy } from "./reverse-proxy";

// The portal's listener passes every page and API request to Next.js through this proxy
// (lib/registry/notifications-listener.ts): what Next.js sees and what the browser gets back
// must be what they were without it.

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: string };

const servers: http.Server[] = [];
const listen = async (server: http.Server) => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve).closeAllConnections())));
});

/** An upstream that records what it got and answers with `answer`; the proxy in front of it. */
const proxied = async (answer: (request: IncomingMessage, response: ServerResponse, seen: Seen) => void) => {
  const seen: Seen[] = [];
  const upstreamPort = await listen(
    http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const entry = { method: request.method, url: request.url, headers: request.headers, rawHeaders: request.rawHeaders, body: Buffer.concat(chunks).toString() };
        seen.push(entry);
        answer(request, response, entry);
      });
    }),
  );
  const agent = new http.Agent({ keepAlive: true });
  let frontPort = 0;
  frontPort = await listen(http.createServer(reverseProxy({ host: "127.0.0.1", port: upstreamPort }, agent, () => frontPort)));
  servers.at(-1)!.on("close", () => agent.destroy());
  return { seen, frontPort, upstreamPort };
};

/** A request to the front, as a browser sends it; resolves with the answer and its body. */
const send = (port: number, options: http.RequestOptions & { body?: string }) =>
  new Promise<{ status: number; rawHeaders: string[]; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, agent: false, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, rawHeaders: response.rawHeaders, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    request.end(options.body);
  });

describe("reverseProxy", () => {
  it("passes method, path and query, Host and body on, and the status, headers and body back", async () => {
    const { seen, frontPort } = await proxied((_request, response) => {
      response.writeHead(303, ["Location", "/next", "Set-Cookie", "a=1; HttpOnly", "Set-Cookie", "b=2", "Content-Type", "text/plain"]);
      response.end("moved");
    });
    const answer = await send(frontPort, { method: "POST", path: "/sign-in?next=%2Fx", headers: { Host: "portal.example:8443", "Next-Action": "abc", "Content-Type": "text/plain" }, body: "[1,2]" });

    expect(seen[0]).toMatchObject({ method: "POST", url: "/sign-in?next=%2Fx", body: "[1,2]" });
    expect(seen[0].headers).toMatchObject({ host: "portal.example:8443", "next-action": "abc" });
    expect([answer.status, answer.headers.location, answer.body]).toEqual([303, "/next", "moved"]);
    // Two cookies stay two headers (a browser cannot read them folded into one).
    expect(answer.headers["set-cookie"]).toEqual(["a=1; HttpOnly", "b=2"]);
  });

  it("fills X-Forwarded-For, -Host, -Port and -Proto only where the request has none, as `next start` does", async () => {
    const { seen, frontPort } = await proxied((_request, response) => response.end());
    await send(frontPort, { path: "/", headers: { Host: "portal.example" } });
    await send(frontPort, { path: "/", headers: { Host: "portal.example", "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https" } });

    expect(seen[0].headers).toMatchObject({ "x-forwarded-for": "127.0.0.1", "x-forwarded-host": "portal.example", "x-forwarded-port": String(frontPort), "x-forwarded-proto": "http" });
    expect(seen[1].headers).toMatchObject({ "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" });
    expect(seen[1].rawHeaders.filter((name) => name.toLowerCase() === "x-forwarded-for")).toHaveLength(1);
  });

  it("drops the hop-by-hop headers and those the Connection header names, both ways", async () => {
    const { seen, frontPort } = await proxied((_request, response) => {
      response.writeHead(200, ["Connection", "X-Upstream-Hop", "X-Upstream-Hop", "1", "X-Kept", "yes"]);
      response.end("ok");
    });
    const answer = await send(frontPort, { path: "/", headers: { Connection: "X-Client-Hop", "X-Client-Hop": "1", "Proxy-Connection": "keep-alive", Upgrade: "websocket", "X-Kept": "yes" } });

    expect(seen[0].headers["x-client-hop"]).toBeUndefined();
    expect(seen[0].headers["proxy-connection"]).toBeUndefined();
    expect(seen[0].headers.upgrade).toBeUndefined();
    expect(seen[0].headers["x-kept"]).toBe("yes");
    expect(answer.headers["x-upstream-hop"]).toBeUndefined();
    expect(answer.headers["x-kept"]).toBe("yes");
  });

  it("answers 502 with the reason when nothing listens upstream", async () => {
    const closed = http.createServer();
    const deadPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.splice(servers.indexOf(closed), 1);
    const agent = new http.Agent();
    const frontPort = await listen(http.createServer(reverseProxy({ host: "127.0.0.1", port: deadPort }, agent, () => 0)));

    const answer = await send(frontPort, { path: "/registries" });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatch(/page server did not answer \(connect ECONNREFUSED/);
    agent.destroy();
  });

  it("stops the upstream request when the client goes away before the answer", async () => {
    let upstreamClosed: () => void = () => {};
    const closedEarly = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const { frontPort } = await proxied((_request, response) => response.on("close", () => upstreamClosed()));
    const client = http.request({ host: "127.0.0.1", port: frontPort, path: "/slow", agent: false });
    client.on("error", () => {});
    client.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.destroy();
    await expect(closedEarly).resolves.toBeUndefined();
  });
});
