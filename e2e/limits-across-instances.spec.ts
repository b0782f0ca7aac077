import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "./fixtures";
import { hashToken } from "../lib/security/token-hash";
import { openDatabase } from "./support/database";
import { freshDatabase, startPortal } from "./support/portal-process";
import { E2E_OUTBOUND_ALLOWLIST, E2E_OWNER, extraPortalPort } from "./support/settings";
import { sealStored } from "./support/stored-secrets";

// Two portal processes on one database count the same limits: the limiter's hits live in the
// database, not in each process's memory (where two instances allowed twice the limit).
test.describe.configure({ timeout: 120_000 });

test("two instances on one database share the Ping limit: the sixth ping in a minute is 429 on either", async ({ receiver }) => {
  const databaseUrl = await freshDatabase(path.resolve("data/limits-shared.db"));
  const portalEnv = { DATABASE_URL: databaseUrl, REGISTRY_NAME: "limitsregistry", OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST };
  const portals = [await startPortal(extraPortalPort(601), portalEnv), await startPortal(extraPortalPort(602), portalEnv)];
  const db = openDatabase(databaseUrl);
  try {
    const registry = await db.registry.findUniqueOrThrow({ where: { name: "limitsregistry" } });
    const owner = await db.user.findUniqueOrThrow({ where: { email: E2E_OWNER.email } });
    // Stored as lib/auth/api-tokens.ts stores a token made on the profile page: only its hash.
    const token = `rwt_${randomBytes(32).toString("base64url")}`;
    await db.apiToken.create({ data: { userId: owner.id, name: "limits", prefix: token.slice(0, 8), tokenHash: hashToken(token), role: "owner" } });
    await db.webhook.create({
      data: { registryId: registry.id, name: "limitedhook", ...sealStored({ serviceUri: receiver.url("/limited"), customHeaders: "[]" }), actions: "push" },
    });

    const ping = (portal: (typeof portals)[number]) =>
      fetch(`${portal.url}/api/registries/limitsregistry/webhooks/limitedhook/ping`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
    // Alternately: three on the first instance, two on the second.
    for (let sent = 0; sent < 5; sent += 1) expect((await ping(portals[sent % 2])).status).toBe(200);
    for (const portal of portals) {
      const refused = await ping(portal);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await refused.json()).error.message).toMatch(/^Too many requests: Ping and Redeliver are limited to 5 a minute per webhook for each user\. Ping again in \d+ s\.$/);
    }
    expect(receiver.requestsTo("/limited")).toHaveLength(5);
  } finally {
    await Promise.all(portals.map((portal) => portal.kill("SIGTERM")));
    await db.$disconnect();
  }
});
