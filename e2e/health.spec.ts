import path from "node:path";
import { expect, test } from "./fixtures";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { openDatabase } from "./support/database";
import { freshDatabase, startPortal } from "./support/portal-process";
import { E2E_OUTBOUND_ALLOWLIST, extraPortalPort } from "./support/settings";
import { sealStored } from "./support/stored-secrets";

// What a load balancer sees: no session, no token.
test.use({ storageState: { cookies: [], origins: [] } });

const CHECKS = [
  ["/api/health", { status: "ok" }],
  ["/api/ready", { status: "ready" }],
] as const;

for (const [route, body] of CHECKS) {
  test(`${route} answers anonymously, uncached, with its status and nothing else`, async ({ request }) => {
    const response = await request.get(route, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual(body);
    const headers = response.headers();
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["content-type"]).toMatch(/^application\/json/);
    for (const leak of ["set-cookie", "x-powered-by", "server", "location"]) expect(headers[leak], leak).toBeUndefined();

    const head = await request.head(route);
    expect([head.status(), await head.text()]).toEqual([200, ""]);
  });

  test(`${route} refuses other methods with 405 and Allow`, async ({ request }) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const response = await request.fetch(route, { method });
      expect([method, response.status(), response.headers()["allow"]]).toEqual([method, 405, "GET, HEAD, OPTIONS"]);
      expect(response.headers()["set-cookie"]).toBeUndefined();
    }
  });
}

test("a draining instance answers /api/ready 503 'shutting down' while /api/health stays 200", async ({ receiver }) => {
  test.setTimeout(120_000);
  const databaseUrl = await freshDatabase(path.resolve("data/health-drain.db"));
  const TOKEN = "health-drain-token-0123456789";
  const portal = await startPortal(extraPortalPort(501), {
    DATABASE_URL: databaseUrl,
    REGISTRY_NAME: "drainregistry",
    REGISTRY_NOTIFICATIONS_TOKEN: TOKEN,
    OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
  });
  const db = openDatabase(databaseUrl);
  try {
    const registry = await db.registry.findUniqueOrThrow({ where: { name: "drainregistry" } });
    // The receiver answers after 6 s: the drain waits for it, well within the 10 s timeout.
    const secrets = sealStored({ serviceUri: receiver.url("/delay/6000/drain"), customHeaders: "[]" });
    await db.webhook.create({ data: { registryId: registry.id, name: "drainhook", actions: "push", ...secrets } });
    const ready = () => fetch(`${portal.url}/api/ready`).then(async (response) => [response.status, await response.json()]);
    expect(await ready()).toEqual([200, { status: "ready" }]);

    const ingest = await fetch(`${portal.url}/api/registries/drainregistry/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": ENVELOPE_TYPE },
      body: JSON.stringify({ events: [manifestPush("app", "v1")] }),
    });
    expect(await ingest.json()).toMatchObject({ accepted: 1, deliveries: 1 });
    await expect.poll(() => receiver.requestsTo("/delay/6000/drain").length).toBe(1);

    const exited = portal.kill("SIGTERM");
    await expect
      .poll(() => ready().catch((error: Error) => error.message), { timeout: 5_000 })
      .toEqual([503, { status: "unavailable", reason: "shutting down" }]);
    const health = await fetch(`${portal.url}/api/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    await exited;
    // The drain finished the request in flight before exiting.
    expect((await db.delivery.findFirstOrThrow()).state).toBe("delivered");
  } finally {
    await portal.kill("SIGKILL");
    await db.$disconnect();
  }
});
