import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../auth/roles";
import { openSecondConnection, type SecondConnection } from "../testing/second-connection";
import { temporaryDatabase } from "../testing/temporary-database";
import type { AnyOperation, Caller } from "./operation";

// The one door: every declared operation refuses a caller below its role before it touches
// the database, whatever adapter (page, server action, route handler) calls it. Walks the
// catalog, so an operation added without a role or without a check here fails this test.

const database = temporaryDatabase("operations-door");
process.env.SECRET_KEY = "unit-test-secret-key-0123456789";
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
// Outside Next.js there is no cache to revalidate and no request to read headers from.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "portal.example" }) }));

const REGISTRY = "doorregistry";
const WEBHOOK = "doorhook";
const BELOW: Record<Role, Role[]> = { reader: [], contributor: ["reader"], owner: ["reader", "contributor"] };

const callerAs = (role: Role): Caller => ({
  principal: { id: `user-${role}`, email: `${role}@example.test`, name: role, role, via: "session" },
  ipAddress: "203.0.113.9",
});

/** Arguments that would make each operation write (or read) if it let the caller through. */
const SAMPLE_ARGUMENTS: Record<string, unknown[]> = {
  "webhooks.list": [REGISTRY],
  "webhooks.get": [REGISTRY, WEBHOOK],
  "webhooks.read-events": [REGISTRY, WEBHOOK, async () => []],
  "webhooks.create": [REGISTRY, { name: "newhook1", serviceUri: "http://127.0.0.1:9/new", customHeaders: "", actions: ["push"], status: "enabled", scope: "" }],
  "webhooks.update": [REGISTRY, WEBHOOK, { serviceUri: "http://127.0.0.1:9/changed", customHeaders: "", actions: ["delete"], status: "disabled", scope: "" }],
  "webhooks.patch": [REGISTRY, WEBHOOK, (current: object) => ({ ...current, status: "disabled" })],
  "webhooks.delete": [REGISTRY, WEBHOOK],
  "webhooks.ping": [REGISTRY, WEBHOOK],
  "webhooks.send-sample": [REGISTRY, WEBHOOK, { action: "push" }],
  "webhooks.redeliver": [REGISTRY, WEBHOOK, "no-such-event"],
  "webhooks.get-callback-config": [REGISTRY, WEBHOOK],
  "webhooks.enable": [REGISTRY, WEBHOOK],
  "webhooks.count-recoverable": [REGISTRY, WEBHOOK, { since: "2026-01-01T00:00:00Z" }],
  "webhooks.recover": [REGISTRY, WEBHOOK, { since: "2026-01-01T00:00:00Z" }],
  "webhooks.rotate-signing-secret": [REGISTRY, WEBHOOK],
  "webhooks.reveal-signing-secret": [REGISTRY, WEBHOOK],
  "registries.list": [],
  "registries.get": [REGISTRY],
  "registries.create": [{ name: "otherregistry", host: "" }],
  "registries.regenerate-token": [REGISTRY],
  "registries.update-api": [REGISTRY, { apiAddress: "http://127.0.0.1:9", apiUsername: "", apiPassword: "" }],
  "registries.preview-scope": [REGISTRY, "app:*"],
  "users.list": [],
  "users.add": [{ name: "New Person", email: "new@example.test", password: "a-long-password-0123", role: "owner" }],
  "users.change-role": ["user-reader", "owner"],
  "users.delete": ["user-reader"],
  "api-tokens.list-own": [],
  "api-tokens.create": [{ name: "pipeline", role: "reader", expiresInDays: "30" }],
  "api-tokens.revoke": ["no-such-token"],
  "audit.read": [1],
  "api.read-description": [() => ({})],
  "test-receivers.list": [],
  "test-receivers.create": [{ name: "door receiver", mode: "ok" }],
  "test-receivers.set-mode": ["A".repeat(32), "error"],
  "test-receivers.delete": ["A".repeat(32)],
  "test-receivers.read-requests": ["A".repeat(32)],
};

let operations: readonly AnyOperation[];
let connection: SecondConnection;

/** A digest of every row of every table: equal before and after means nothing was written. */
const snapshot = async () => {
  const tables = await connection.rows<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const hash = createHash("sha256");
  for (const { name } of tables) hash.update(name).update(JSON.stringify(await connection.rows(`SELECT * FROM "${name}" ORDER BY rowid`)));
  return hash.digest("hex");
};

beforeAll(async () => {
  const db = await database.open();
  connection = openSecondConnection("sqlite", database.url);
  const registry = await db.registry.create({ data: { name: REGISTRY } });
  await db.webhook.create({
    data: { registryId: registry.id, name: WEBHOOK, serviceUri: "http://127.0.0.1:9/hook", customHeaders: "[]", actions: "push", status: "enabled", scope: "" },
  });
  for (const role of ["reader", "contributor", "owner"] as const) {
    await db.user.create({ data: { id: `user-${role}`, name: role, email: `${role}@example.test`, role } });
  }
  ({ OPERATIONS: operations } = await import("./catalog"));
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await database.close();
});

describe("the operations catalog", () => {
  it("declares every operation once, each with a role, and this test knows how to call each", () => {
    const names = operations.map((operation) => operation.operationName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const operation of operations) expect(["reader", "contributor", "owner"]).toContain(operation.least);
    expect(names.toSorted()).toEqual(Object.keys(SAMPLE_ARGUMENTS).toSorted());
  });

  it("has operations at every role, so each refusal below is exercised", () => {
    expect(new Set(operations.map((operation) => operation.least))).toEqual(new Set(["reader", "contributor", "owner"]));
  });
});

describe("every operation refuses a caller below its role before any database write", () => {
  it.each(["contributor", "owner"] as const)("operations that need %s", async (least) => {
    const guarded = operations.filter((operation) => operation.least === least);
    for (const operation of guarded) {
      for (const role of BELOW[least]) {
        const before = await snapshot();
        await expect(operation(callerAs(role), ...SAMPLE_ARGUMENTS[operation.operationName]), `${operation.operationName} as ${role}`).rejects.toMatchObject({
          name: "OperationRefused",
          operationName: operation.operationName,
          least,
          role,
        });
        expect(await snapshot(), `${operation.operationName} as ${role} changed the database`).toBe(before);
      }
    }
  });

  it("lets a caller with the role through (the refusals above are the role check, not a broken call)", async () => {
    // Reads first and the deleting operations last, so each finds what it needs.
    const order = (operation: AnyOperation) => (/delete|revoke/.test(operation.operationName) ? 1 : 0);
    for (const operation of operations.toSorted((a, b) => order(a) - order(b))) {
      await expect(operation(callerAs(operation.least), ...SAMPLE_ARGUMENTS[operation.operationName]), operation.operationName).resolves.not.toThrow();
    }
  });
});

describe("what pages offer comes from the same declarations", () => {
  it.each([
    ["reader", { canManage: false, canRevealSecrets: false, canAdminister: false }],
    ["contributor", { canManage: true, canRevealSecrets: true, canAdminister: false }],
    ["owner", { canManage: true, canRevealSecrets: true, canAdminister: true }],
  ] as const)("%s may do exactly what Azure RBAC's role may", async (role, expected) => {
    const { permissionsOf } = await import("./permissions");
    expect(permissionsOf(role)).toEqual(expected);
  });
});
