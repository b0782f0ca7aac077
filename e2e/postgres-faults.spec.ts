import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { pgCtl, startCluster, stopCluster } from "../scripts/postgres/cluster.mjs";
import { openDatabase } from "./support/database";
import { ENVELOPE_TYPE, manifestPush } from "./support/distribution-events";
import { startPortal, type PortalProcess } from "./support/portal-process";
import { dropPostgresDatabase, freshPostgresDatabase, postgresPortalEnv, withPostgres } from "./support/postgres";
import { closedPort } from "./support/receiver";
import { E2E_OUTBOUND_ALLOWLIST, E2E_POSTGRES_SECRET_KEY, extraPortalPort } from "./support/settings";
import { sealStored } from "./support/stored-secrets";

// What an operator sees when PostgreSQL is not there or a migration fails, and what Distribution
// sees when PostgreSQL goes away under a serving portal.
test.describe.configure({ timeout: 120_000 });

const NO_STACK = /^\s+at /m;

/** Runs a command to its end (at most a minute) and returns its exit code and output. */
const runToExit = (command: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

test("with nothing listening at DATABASE_URL, the migrator and `npm run serve` exit 1 saying so, without a stack trace", async () => {
  const env = { DATABASE_URL: `postgresql://postgres@127.0.0.1:${await closedPort()}/e2e`, SECRET_KEY: E2E_POSTGRES_SECRET_KEY, PORT: String(extraPortalPort(704)) };
  for (const [command, args] of [["node", ["scripts/migrate.mjs"]], ["npm", ["run", "serve"]]] as const) {
    const { code, stdout, stderr } = await runToExit(command, [...args], env);
    expect(code, command).toBe(1);
    expect(stderr).toContain("Cannot connect to PostgreSQL: nothing is listening there (is PostgreSQL running?)");
    expect(`${stdout}${stderr}`).not.toMatch(NO_STACK);
  }
});

test("a migration that fails is rolled back whole: exit 1, naming it, and nothing of it is left applied", async () => {
  const name = "e2e_faults_migration";
  const url = await freshPostgresDatabase(name);
  try {
    // A table the first migration creates, late in it, already there with another shape.
    await withPostgres(url, (client) => client.query(`CREATE TABLE "RateLimitHit" ("note" text)`));
    const [first] = readdirSync("prisma/postgresql/migrations", { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

    const { code, stdout, stderr } = await runToExit("node", ["scripts/migrate.mjs"], { DATABASE_URL: url, SECRET_KEY: E2E_POSTGRES_SECRET_KEY });
    expect(code).toBe(1);
    expect(stderr).toContain(`Migration ${first} failed and was rolled back, nothing of it applied: relation "RateLimitHit" already exists`);
    expect(`${stdout}${stderr}`).not.toMatch(NO_STACK);

    const after = await withPostgres(url, async (client) => ({
      tables: (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)).rows.map((row) => row.table_name),
      columns: (await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'RateLimitHit'`)).rows.map((row) => row.column_name),
      finished: Number((await client.query(`SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)).rows[0].count),
    }));
    // The tables the migration created before it failed are gone; the bookkeeping table records nothing.
    expect(after).toEqual({ tables: ["RateLimitHit", "_prisma_migrations"], columns: ["note"], finished: 0 });
  } finally {
    await dropPostgresDatabase(name);
  }
});

test("PostgreSQL stopped under a serving portal: ingest answers 503 and /api/ready 503; started again, the same batch is accepted and delivered", async ({ receiver }) => {
  // A cluster of this test's own: stopping it must not disturb the other projects.
  const port = 55434;
  const dir = path.join(tmpdir(), `rw-e2e-pg-faults-${port}`);
  const serverUrl = startCluster({ dir, port, durable: false });
  const token = "faults-notifications-token-0123456789";
  let portal: PortalProcess | undefined;
  try {
    const url = await freshPostgresDatabase("faults", serverUrl);
    portal = await startPortal(extraPortalPort(704), {
      ...postgresPortalEnv(url),
      REGISTRY_NAME: "faultsregistry",
      REGISTRY_NOTIFICATIONS_TOKEN: token,
      OUTBOUND_ALLOWLIST: E2E_OUTBOUND_ALLOWLIST,
      WEBHOOK_TIMEOUT_MS: "2000",
      WEBHOOK_RETRY_SCHEDULE: Array(10).fill("1s").join(","),
    });
    // Closed again before PostgreSQL stops: this process keeps no connection to lose.
    const db = openDatabase(url);
    const registry = await db.registry.findUniqueOrThrow({ where: { name: "faultsregistry" } });
    const secrets = sealStored({ serviceUri: receiver.url("/restarted"), customHeaders: "[]" });
    await db.webhook.create({ data: { registryId: registry.id, name: "restartedhook", actions: "push", ...secrets } });
    await db.$disconnect();

    const ready = async () => {
      const response = await fetch(`${portal!.url}/api/ready`);
      return [response.status, (await response.json()).status];
    };
    const batch = JSON.stringify({ events: Array.from({ length: 5 }, (_, i) => manifestPush("app", `v${i}`)) });
    const ingest = () =>
      fetch(`${portal!.url}/api/registries/faultsregistry/notifications`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": ENVELOPE_TYPE },
        body: batch,
      });
    expect(await ready()).toEqual([200, "ready"]);

    pgCtl(dir, "-m", "fast", "-w", "stop");
    // Not 500: Distribution retries a 503 (it retries anything but 2xx, but a 500 reads as a bug).
    const refused = await ingest();
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.message).not.toMatch(NO_STACK);
    await expect.poll(ready).toEqual([503, "unavailable"]);

    pgCtl(dir, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start");
    await expect.poll(ready, { timeout: 30_000 }).toEqual([200, "ready"]);
    // Distribution sends the batch again until it gets a 2xx.
    await expect.poll(async () => (await ingest()).status, { timeout: 30_000 }).toBe(200);
    await expect.poll(() => new Set(receiver.requestsTo("/restarted").map((got) => JSON.parse(got.body).id)).size, { timeout: 30_000 }).toBe(5);
    const stored = openDatabase(url);
    try {
      expect(await stored.registryEvent.count()).toBe(5);
      // Recorded in batches after the receiver got them (the delivery thread records them in a batch after the answer).
      await expect.poll(() => stored.delivery.count({ where: { state: "delivered" } }), { timeout: 10_000 }).toBe(5);
    } finally {
      await stored.$disconnect();
    }
  } finally {
    await portal?.kill("SIGTERM");
    stopCluster(dir);
  }
});
