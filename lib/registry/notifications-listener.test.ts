import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { manifestPush } from "../../e2e/support/distribution-events";
import { hashToken } from "../security/token-hash";
import { temporaryDatabase } from "../testing/temporary-database";
import type { EnvelopeOutcome } from "./ingest";

// The portal's listener in this process (lib/registry/ingest-threads.test.ts runs it on the real
// ingest thread): what a registry that misbehaves on the wire gets, and what the log says.

const database = temporaryDatabase("notifications-listener");
const TOKEN = "listener-unit-token-0123456789";
const ENVELOPE = { "Content-Type": "application/vnd.docker.distribution.events.v1+json", Authorization: `Bearer ${TOKEN}` };

let listener: typeof import("./notifications-listener");
const stored: string[] = [];
const store = async (_registry: unknown, body: string): Promise<EnvelopeOutcome> => {
  stored.push(body);
  return { ok: true, summary: { received: 1, ignored: 0, duplicates: 0, accepted: 1, deliveries: 0, ignoredReasons: [] } };
};

beforeAll(async () => {
  const db = await database.open();
  await db.registry.create({ data: { name: "wire", tokenHash: hashToken(TOKEN) } });
  listener = await import("./notifications-listener");
}, 60_000);
afterAll(() => database.close());
afterEach(() => {
  stored.length = 0;
  vi.restoreAllMocks();
});

/** A listener on a free loopback port; Next.js behind it is never reached in these tests. */
const started = async () => {
  let idle = 0;
  const { server, inHand } = listener.createNotificationsListener({ upstream: { host: "127.0.0.1", port: 9 }, store, onStored: () => {}, onIdle: () => (idle += 1) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, inHand, idleCount: () => idle, close: () => new Promise((resolve) => server.close(resolve).closeAllConnections()) };
};

describe("the notifications listener", () => {
  it("takes only POSTs to a registry's notifications path, decoded; a malformed escape goes to Next.js, which explains it", () => {
    expect(listener.notificationFor({ method: "POST", url: "/api/registries/wire/notifications" })).toBe("wire");
    expect(listener.notificationFor({ method: "POST", url: "/api/registries/a%2Fb/notifications?x=1" })).toBe("a/b");
    for (const [method, url] of [
      ["GET", "/api/registries/wire/notifications"],
      ["POST", "/api/registries/wire/notifications/"],
      ["POST", "/api/registries/%E0/notifications"],
      ["POST", "/api/registries//notifications"],
      ["POST", "//api/registries/wire/notifications"],
    ]) {
      expect(listener.notificationFor({ method, url })).toBeNull();
    }
  });

  it("a registry that hangs up halfway through its body is let go: nothing stored, nothing in hand, no error logged", async () => {
    const warned = vi.spyOn(console, "warn");
    const failed = vi.spyOn(console, "error");
    const portal = await started();
    try {
      const request = http.request({ host: "127.0.0.1", port: portal.port, method: "POST", path: "/api/registries/wire/notifications", headers: { ...ENVELOPE, "Content-Length": "1000" } });
      request.on("error", () => {});
      request.write(JSON.stringify({ events: [manifestPush("app", "v1")] }).slice(0, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
      request.destroy();
      await expect.poll(() => portal.idleCount()).toBe(1);
      expect(portal.inHand()).toBe(0);
      expect(stored).toEqual([]);
      // Before: the abort's ECONNRESET read as the database's, "database unavailable; answered 503".
      expect([...warned.mock.calls, ...failed.mock.calls]).toEqual([]);
    } finally {
      await portal.close();
    }
  });

  it("answers a body over 1 MiB 413 without reading it all, and closes the connection", async () => {
    const portal = await started();
    try {
      const answer = await fetch(`http://127.0.0.1:${portal.port}/api/registries/wire/notifications`, { method: "POST", headers: ENVELOPE, body: "x".repeat(2 * 1024 * 1024) });
      expect(answer.status).toBe(413);
      expect(answer.headers.get("connection")).toBe("close");
      expect(await answer.json()).toEqual({ error: { code: "PayloadTooLarge", message: "Notification bodies are limited to 1 MiB." } });
      expect(stored).toEqual([]);
    } finally {
      await portal.close();
    }
  });

  it("stores what passes the checks and answers with the summary, the portal's security headers and no caching", async () => {
    const portal = await started();
    try {
      const body = JSON.stringify({ events: [manifestPush("app", "v1")] });
      const answer = await fetch(`http://127.0.0.1:${portal.port}/api/registries/wire/notifications`, { method: "POST", headers: ENVELOPE, body });
      expect(answer.status).toBe(200);
      expect(Object.fromEntries(["cache-control", "x-content-type-options", "x-frame-options", "referrer-policy", "content-type"].map((name) => [name, answer.headers.get(name)]))).toEqual({
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        "content-type": "application/json",
      });
      expect(await answer.json()).toMatchObject({ accepted: 1 });
      expect(stored).toEqual([body]);
    } finally {
      await portal.close();
    }
  });
});
