import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import { keyFrom } from "../crypto/secret-box";
import type { HeaderPair } from "../http/header-pair";
import { isSealed, openWebhook, sealWebhook, storedWebhook } from "./stored-secrets";

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

  const insert = (name: string, columns: { serviceUri: string; customHeaders: string; serviceUriHash?: string }) =>
    db.webhook.create({ data: { registryId: registry.id, name, actions: "push", ...columns } });

  const stored = (name: string) =>
    db.webhook.findFirstOrThrow({ where: { name }, select: { serviceUri: true, customHeaders: true, serviceUriHash: true, updatedAt: true } });

  /** The row opened with the portal's key. */
  const opened = async (name: string) => openWebhook(storedWebhook(await db.webhook.findFirstOrThrow({ where: { name } })), KEY);

  const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  const seal = (serviceUri: string, headers: string[][] = [], key = KEY) => sealWebhook({ serviceUri, customHeaders: headers as HeaderPair[] }, key);

  describe("encryptPlaintextWebhookSecrets", () => {
    it("seals every plaintext row once, stores its URI's hash, leaves finished rows alone, and does nothing the second time", async () => {
      for (const webhook of legacy) await insert(webhook.name, { serviceUri: webhook.serviceUri, customHeaders: JSON.stringify(webhook.headers) });
      const sealedColumns = seal(modern.serviceUri, modern.headers);
      await insert(modern.name, sealedColumns);
      // Half-done by hand: a sealed URI (no hash yet) beside plaintext headers.
      const halfUri = seal("https://example.com/half").serviceUri;
      await insert("halfsealed", { serviceUri: halfUri, customHeaders: '[["X-Half","half-secret"]]' });
      const before = await stored(legacy[0].name);

      expect(await encryptPlaintextWebhookSecrets()).toBe(legacy.length + 1);

      for (const webhook of legacy) {
        const row = await stored(webhook.name);
        expect(isSealed(row.serviceUri) && isSealed(row.customHeaders)).toBe(true);
        expect(JSON.stringify(row)).not.toContain(webhook.serviceUri);
        for (const [, value] of webhook.headers) expect(JSON.stringify(row)).not.toContain(value);
        expect(row.serviceUriHash).toBe(sha256(webhook.serviceUri));
        expect(await opened(webhook.name)).toMatchObject({ serviceUri: webhook.serviceUri, customHeaders: webhook.headers });
      }
      expect(await stored(modern.name)).toMatchObject(sealedColumns);
      const half = await stored("halfsealed");
      expect(half.serviceUri).toBe(halfUri);
      expect(half.serviceUriHash).toBe(sha256("https://example.com/half"));
      expect(await opened("halfsealed")).toMatchObject({ serviceUri: "https://example.com/half", customHeaders: [["X-Half", "half-secret"]] });
      // A storage change, not a settings change.
      expect((await stored(legacy[0].name)).updatedAt).toEqual(before.updatedAt);

      const afterFirst = await db.webhook.findMany({ orderBy: { name: "asc" } });
      expect(await encryptPlaintextWebhookSecrets()).toBe(0);
      expect(await db.webhook.findMany({ orderBy: { name: "asc" } })).toEqual(afterFirst);
    });

    it("seals each row once when two instances run the pass at the same moment, in batches", async () => {
      const names = Array.from({ length: 20 }, (_, index) => `concurrent${index}`);
      for (const name of names) await insert(name, { serviceUri: `https://example.com/${name}`, customHeaders: "[]" });
      const [first, second] = await Promise.all([encryptPlaintextWebhookSecrets(3), encryptPlaintextWebhookSecrets(3)]);
      expect(first + second).toBe(names.length);
      for (const name of names) {
        expect(await opened(name)).toMatchObject({ serviceUri: `https://example.com/${name}`, serviceUriHash: sha256(`https://example.com/${name}`) });
      }
    });

    it("fills the hash of rows sealed before the column existed, in batches, and leaves a row it cannot open alone", async () => {
      const names = Array.from({ length: 7 }, (_, index) => `hashless${index}`);
      // As the migration leaves them: sealed, serviceUriHash empty.
      for (const name of names) await insert(name, { ...seal(`https://example.com/${name}?t=x`), serviceUriHash: "" });
      const foreign = seal("https://example.com/hashless-foreign", [], keyFrom("a key this portal does not have"));
      await insert("hashlessforeign", { ...foreign, serviceUriHash: "" });
      const before = await stored(names[0]);
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});

      expect(await encryptPlaintextWebhookSecrets(2)).toBe(names.length);

      for (const name of names) {
        const row = await stored(name);
        expect(row.serviceUriHash).toBe(sha256(`https://example.com/${name}?t=x`));
        // Sealed values are not rewritten, and the settings did not change.
        if (name === names[0]) expect(row).toEqual({ ...before, serviceUriHash: row.serviceUriHash });
      }
      expect(await stored("hashlessforeign")).toMatchObject({ ...foreign, serviceUriHash: "" });
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/cannot decrypt .* of webhook/), expect.anything());
      // Read again next time, never changed: the pass still ends.
      expect(await encryptPlaintextWebhookSecrets(2)).toBe(0);
      logged.mockRestore();
      await db.webhook.delete({ where: { registryId_name: { registryId: registry.id, name: "hashlessforeign" } } });
    });
  });

  describe("readers after encryption", () => {
    it("findWebhookRow returns the row opened, sealed or legacy", async () => {
      await insert("readsealed", seal("https://example.com/r?t=1", [["A", "1"]]));
      await insert("readlegacy", { serviceUri: "https://example.com/l?t=2", customHeaders: '[["B","2"]]' });
      expect(await findWebhookRow(registry.name, "readsealed")).toMatchObject({
        serviceUri: "https://example.com/r?t=1",
        customHeaders: [["A", "1"]],
        serviceUriHash: sha256("https://example.com/r?t=1"),
      });
      expect(await findWebhookRow(registry.name, "readlegacy")).toMatchObject({ serviceUri: "https://example.com/l?t=2", customHeaders: [["B", "2"]] });
      expect(await findWebhookRow(registry.name, "nosuchhook")).toBeNull();
    });

    it("ingest tags deliveries with the stored hash and decrypts nothing: a webhook sealed under another key fans out too", async () => {
      const target = await db.registry.create({ data: { name: "atrestingest" } });
      const uri = "https://example.com/ingest?token=hash-me";
      await db.webhook.create({ data: { registryId: target.id, name: "ingestsealed", actions: "push", ...seal(uri) } });
      const foreign = seal("https://example.com/foreign", [], keyFrom("a key this portal does not have"));
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
      const summary = await ingestNotifications({ id: target.id, name: target.name, host: "" }, [event as never]);
      expect(summary).toMatchObject({ accepted: 1, deliveries: 2 });
      // Nothing to decrypt, so nothing failed to.
      expect(logged).not.toHaveBeenCalled();
      logged.mockRestore();

      const hashes = await db.delivery.findMany({ where: { webhook: { registryId: target.id } }, select: { webhook: { select: { name: true } }, serviceUriHash: true } });
      const byName = Object.fromEntries(hashes.map((delivery) => [delivery.webhook.name, delivery.serviceUriHash]));
      expect(byName).toEqual({ ingestsealed: sha256(uri), ingestforeign: sha256("https://example.com/foreign") });
    });
  });
};
