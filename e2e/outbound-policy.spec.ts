import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, gotoBlade, test } from "./fixtures";
import { openDatabase } from "./support/database";
import { freshDatabase, startPortal, type PortalProcess } from "./support/portal-process";
import { E2E_OWNER, extraPortalPort } from "./support/settings";
import { signIn } from "./support/sign-in";
import { sealStored } from "./support/stored-secrets";

// A portal of its own with an empty OUTBOUND_ALLOWLIST: every loopback form must be refused
// before anything is sent, while a recording receiver on loopback proves nothing arrived.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const REGISTRY = "policyregistry";

test("pings to loopback in every spelling are refused and recorded until the allowlist allows them", async ({ page, receiver }) => {
  const databaseUrl = await freshDatabase(path.resolve("data/outbound-policy.db"));
  const env = { DATABASE_URL: databaseUrl, REGISTRY_NAME: REGISTRY, WEBHOOK_TIMEOUT_MS: "2000", OUTBOUND_ALLOWLIST: "" };
  let portal: PortalProcess = await startPortal(extraPortalPort(3), env);
  const db = openDatabase(databaseUrl);
  // Redirects to the recording receiver: followed, it would deliver there.
  const redirector = http.createServer((_, res) => res.writeHead(302, { Location: receiver.url("/redirected") }).end());
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  const redirectorPort = (redirector.address() as AddressInfo).port;
  try {
    const port = new URL(receiver.url("/")).port;
    const targets = {
      dotted: `http://127.0.0.1:${port}/dotted`,
      ipvsix: `http://[::1]:${port}/ipv6`,
      localhost: `http://localhost:${port}/localhost`,
      decimal: `http://2130706433:${port}/decimal`,
      mapped: `http://[::ffff:127.0.0.1]:${port}/mapped`,
      redirect: `http://127.0.0.1:${redirectorPort}/redirect`,
    };
    const registry = await db.registry.findUniqueOrThrow({ where: { name: REGISTRY } });
    for (const [suffix, serviceUri] of Object.entries(targets)) {
      const secrets = sealStored({ serviceUri, customHeaders: "[]" });
      await db.webhook.create({ data: { registryId: registry.id, name: `hook${suffix}`, ...secrets, actions: "push" } });
    }

    await signIn(page, E2E_OWNER, portal.url);
    for (const suffix of Object.keys(targets)) {
      await gotoBlade(page, `${portal.url}/registries/${REGISTRY}/webhooks/hook${suffix}`);
      await expect(page.getByText(/Deliveries to this service URI will be refused: .* is a loopback address/)).toBeVisible();
      await page.getByRole("button", { name: "Ping" }).click();
      await expect(page.getByRole("status")).toHaveText(
        /^Ping sent: Blocked by outbound policy: .*is a loopback address\. Set OUTBOUND_ALLOWLIST to allow it$/,
      );
      const row = page.getByRole("table", { name: "Events" }).getByRole("row").nth(1);
      await expect(row).toContainText("Blocked by outbound policy");
      await expect(row.getByRole("cell").nth(5)).toHaveText("Failed");
    }
    expect(receiver.requests).toHaveLength(0);
    const recorded = await db.delivery.findMany({ where: { webhook: { registryId: registry.id } } });
    expect(recorded).toHaveLength(6);
    expect(recorded.every((delivery) => delivery.lastStatus.startsWith("Blocked by outbound policy"))).toBe(true);

    // Allowed, the ping arrives; a redirect is answered but never followed.
    await portal.kill("SIGTERM");
    portal = await startPortal(extraPortalPort(3), { ...env, OUTBOUND_ALLOWLIST: "127.0.0.1" });
    await gotoBlade(page, `${portal.url}/registries/${REGISTRY}/webhooks/hookdotted`);
    await expect(page.getByText(/Deliveries to this service URI will be refused/)).toBeHidden();
    await page.getByRole("button", { name: "Ping" }).click();
    await expect(page.getByRole("status")).toHaveText("Ping sent: 200 OK");
    expect(receiver.requestsTo("/dotted")).toHaveLength(1);

    await gotoBlade(page, `${portal.url}/registries/${REGISTRY}/webhooks/hookredirect`);
    await page.getByRole("button", { name: "Ping" }).click();
    await expect(page.getByRole("status")).toHaveText("Ping sent: 302 Found");
    expect(receiver.requestsTo("/redirected")).toHaveLength(0);
  } finally {
    await portal.kill("SIGTERM");
    await db.$disconnect();
    await new Promise((resolve) => redirector.close(resolve));
  }
});
