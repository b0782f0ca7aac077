import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import { keyFrom } from "../crypto/secret-box";
import { isSealed, openWebhookSecrets, sealWebhookSecrets } from "./stored-secrets";

/** Encryption at rest's tests, run on each database by encrypt-at-rest.<kind>.test.ts: a real database with the real migrations, not a mock. */
export const describeEncryptAtRest = (kind: DatabaseKind) => {
  const database = temporaryDatabase("encrypt-at-rest", kind);
  process.env.SECRET_KEY = "encrypt-at-rest unit test secret key";
  const KEY = keyFrom(process.env.SECRET_KEY);

  type Db = typeof import("../db").db;
  let db: Db;
  let encryptPlaintextWebhookSecrets: typeof import("./encrypt-at-rest").encryptPlaintextWebhookSecrets;
  let findWebhookRow: typeof import("./queries").findWebhookRow;
  let registry: { id: string; name: string; host: string };

  beforeAll(async () => {
    db = await database.open();
    ({ encryptPlaintextWebhookSecrets } = await import("./encrypt-at-rest"));
    ({ findWebhookRow } = await import("./queries"));
    registry = await db.registry.create({ data: { name: "atrest" } });
  }, 60_000);

  afterAll(async () => {
    if (kind === "sqlite") {
      const { rawDb } = await import("../db-raw");
      rawDb().close();
    }
    await database.close();
  });

  const legacy = [
    { name: "legacyquery", serviceUri: "https://hooks.example.com/in?token=legacy-q-secret", headers: [["Authorization", "Bearer legacy-h-secret"]] },
    { name: "legacyplain", serviceUri: "http://127.0.0.1:9/plain", headers: [] },
    { name: "legacyuser", serviceUri: "https://ci:legacy-pw@ci.example.org/hook", headers: [["X-Team", "qa-team-value"], ["X-Key", "legacy-k-12345"]] },
  ];
  const modern = { name: "alreadysealed", serviceUri: "https://example.com/sealed?sig=modern-secret", headers: [["X-A", "b"]] };

  const insert = (name: string, columns: { serviceUri: string; customHeaders: string }) =>
    db.webhook.create({ data: { registryId: registry.id, name, actions: "push", ...columns } });

  const stored = (name: string) => db.webhook.findFirstOrThrow({ where: { name }, select: { serviceUri: true, customHeaders: true, updatedAt: true } });

  describe("encryptPlaintextWebhookSecrets", () => {
    it("seals every plaintext row once, leaves sealed rows alone, and does nothing the second time", async () => {
      for (const webhook of legacy) await insert(webhook.name, { serviceUri: webhook.serviceUri, customHeaders: JSON.stringify(webhook.headers) });
      const sealedColumns = sealWebhookSecrets({ serviceUri: modern.serviceUri, customHeaders: JSON.stringify(modern.headers) }, KEY);
      await insert(modern.name, sealedColumns);
      // Half-done by hand: a sealed URI beside plaintext headers.
      const halfUri = sealWebhookSecrets({ serviceUri: "https://example.com/half", customHeaders: "[]" }, KEY).serviceUri;
      await insert("halfsealed", { serviceUri: halfUri, customHeaders: '[["X-Half","half-secret"]]' });
      const before = await stored(legacy[0].name);

      expect(await encryptPlaintextWebhookSecrets()).toBe(legacy.length + 1);

      for (const webhook of legacy) {
        const row = await stored(webhook.name);
        expect(isSealed(row.serviceUri) && isSealed(row.customHeaders)).toBe(true);
        expect(JSON.stringify(row)).not.toContain(webhook.serviceUri);
        for (const [, value] of webhook.headers) expect(JSON.stringify(row)).not.toContain(value);
        expect(openWebhookSecrets(row, KEY)).toMatchObject({ serviceUri: webhook.serviceUri, customHeaders: JSON.stringify(webhook.headers) });
      }
      expect(await stored(modern.name)).toMatchObject(sealedColumns);
      const half = await stored("halfsealed");
      expect(half.serviceUri).toBe(halfUri);
      expect(openWebhookSecrets(half, KEY)).toMatchObject({ serviceUri: "https://example.com/half", customHeaders: '[["X-Half","half-secret"]]' });
      // A storage change, not a settings change.
      expect((await stored(legacy[0].name)).updatedAt).toEqual(before.updatedAt);

      const afterFirst = await db.webhook.findMany({ orderBy: { name: "asc" } });
      expect(await encryptPlaintextWebhookSecrets()).toBe(0);
      expect(await db.webhook.findMany({ orderBy: { name: "asc" } })).toEqual(afterFirst);
    });

    it("seals each row once when two instances run the pass at the same moment", async () => {
      const names = Array.from({ length: 20 }, (_, index) => `concurrent${index}`);
      for (const name of names) await insert(name, { serviceUri: `https://example.com/${name}`, customHeaders: "[]" });
      const [first, second] = await Promise.all([encryptPlaintextWebhookSecrets(), encryptPlaintextWebhookSecrets()]);
      expect(first + second).toBe(names.length);
      for (const name of names) expect(openWebhookSecrets(await stored(name), KEY)).toMatchObject({ serviceUri: `https://example.com/${name}` });
    });
  });

  describe("readers after encryption", () => {
    it("findWebhookRow returns plaintext, sealed or legacy", async () => {
      await insert("readsealed", sealWebhookSecrets({ serviceUri: "https://example.com/r?t=1", customHeaders: '[["A","1"]]' }, KEY));
      await insert("readlegacy", { serviceUri: "https://example.com/l?t=2", customHeaders: '[["B","2"]]' });
      expect(await findWebhookRow(registry.name, "readsealed")).toMatchObject({ serviceUri: "https://example.com/r?t=1", customHeaders: '[["A","1"]]' });
      expect(await findWebhookRow(registry.name, "readlegacy")).toMatchObject({ serviceUri: "https://example.com/l?t=2", customHeaders: '[["B","2"]]' });
      expect(await findWebhookRow(registry.name, "nosuchhook")).toBeNull();
    });

    it("ingest records the hash of the plaintext URI, and one undecryptable webhook does not refuse the batch", async () => {
      const target = await db.registry.create({ data: { name: "atrestingest" } });
      const uri = "https://example.com/ingest?token=hash-me";
      await db.webhook.create({
        data: { registryId: target.id, name: "ingestsealed", actions: "push", ...sealWebhookSecrets({ serviceUri: uri, customHeaders: "[]" }, KEY) },
      });
      const foreign = sealWebhookSecrets({ serviceUri: "https://example.com/foreign", customHeaders: "[]" }, keyFrom("a key this portal does not have"));
      await db.webhook.create({ data: { registryId: target.id, name: "ingestforeign", actions: "push", ...foreign } });

      const event = {
        id: "evt-at-rest-1",
        timestamp: new Date().toISOString(),
        action: "push",
        target: { mediaType: "application/vnd.oci.image.manifest.v1+json", size: 1, digest: `sha256:${"a".repeat(64)}`, length: 1, repository: "app", tag: "v1" },
        request: { id: "r1", addr: "127.0.0.1:1", host: "127.0.0.1:5000", method: "PUT", useragent: "test" },
      };
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const { ingestNotifications } = await import("../registry/ingest");
      const summary = await ingestNotifications({ id: target.id, host: "" }, [event as never]);
      expect(summary).toMatchObject({ accepted: 1, deliveries: 2 });
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/cannot decrypt the service URI of webhook/), expect.anything());
      logged.mockRestore();

      const hashes = await db.delivery.findMany({ where: { webhook: { registryId: target.id } }, select: { webhook: { select: { name: true } }, serviceUriHash: true } });
      const byName = Object.fromEntries(hashes.map((delivery) => [delivery.webhook.name, delivery.serviceUriHash]));
      expect(byName).toEqual({ ingestsealed: createHash("sha256").update(uri, "utf8").digest("hex"), ingestforeign: "" });
    });
  });
};
