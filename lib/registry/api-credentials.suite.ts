import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFrom } from "../crypto/secret-box";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import { apiColumnsToWrite, apiView, openApiCredentials } from "./api-credentials";
import { registryApiSchema } from "./api-settings";

/** A registry's API credential columns written and read back on each database (api-credentials.<kind>.test.ts). */
export const describeApiCredentials = (kind: DatabaseKind) => {
  const database = temporaryDatabase("api-credentials", kind);
  process.env.SECRET_KEY = "api-credentials unit test secret key";
  const KEY = keyFrom(process.env.SECRET_KEY);
  const OTHER_KEY = keyFrom("another unit test secret key, not the one");
  let db: typeof import("../db").db;

  beforeAll(async () => {
    db = await database.open();
  }, 60_000);

  afterAll(async () => {
    if (kind === "sqlite") {
      const { rawDb } = await import("../db-raw");
      rawDb().close();
    }
    await database.close();
  });

  const write = async (name: string, values: object) => {
    const registry = await db.registry.upsert({ where: { name }, create: { name }, update: {} });
    const columns = apiColumnsToWrite(registryApiSchema.parse(values), registry.apiPassword, KEY);
    if (columns.kind !== "ok") return columns;
    await db.registry.update({ where: { id: registry.id }, data: columns.data });
    return { kind: "ok" as const, row: await db.registry.findUniqueOrThrow({ where: { name } }) };
  };

  describe(`registry API credentials on ${kind}`, () => {
    it("stores the password sealed, and opens it only with the key", async () => {
      const written = await write("apistore1", { apiAddress: "http://127.0.0.1:5000", apiUsername: "ci", apiPassword: "s3cret-pass" });
      if (written.kind !== "ok") throw new Error("refused");
      expect(written.row.apiPassword).toMatch(/^v1:/);
      expect(written.row.apiPassword).not.toContain("s3cret-pass");
      expect(openApiCredentials(written.row, KEY)).toEqual({ username: "ci", password: "s3cret-pass" });
      expect(() => openApiCredentials(written.row, OTHER_KEY)).toThrow();
      expect(apiView(written.row)).toEqual({ apiAddress: "http://127.0.0.1:5000", apiUsername: "ci", hasApiPassword: true });
      expect(JSON.stringify(apiView(written.row))).not.toContain(written.row.apiPassword);
    });

    it("keeps the stored password when the field is left empty, and drops it with the username", async () => {
      const first = await write("apistore2", { apiAddress: "http://127.0.0.1:5000", apiUsername: "ci", apiPassword: "first-pass" });
      if (first.kind !== "ok") throw new Error("refused");
      const kept = await write("apistore2", { apiAddress: "https://registry.example.com", apiUsername: "ci", apiPassword: "" });
      if (kept.kind !== "ok") throw new Error("refused");
      expect(kept.row.apiPassword).toBe(first.row.apiPassword);
      expect(kept.row.apiAddress).toBe("https://registry.example.com");
      const dropped = await write("apistore2", { apiAddress: "https://registry.example.com", apiUsername: "", apiPassword: "" });
      if (dropped.kind !== "ok") throw new Error("refused");
      expect(dropped.row).toMatchObject({ apiUsername: "", apiPassword: "" });
      expect(openApiCredentials(dropped.row, KEY)).toBeNull();
    });

    it("refuses a username without any password", async () => {
      expect(await write("apistore3", { apiAddress: "http://127.0.0.1:5000", apiUsername: "ci", apiPassword: "" })).toEqual({
        kind: "invalid",
        fieldErrors: { apiPassword: "Enter the password for this username." },
      });
      expect(await db.registry.findUniqueOrThrow({ where: { name: "apistore3" } })).toMatchObject({ apiAddress: "", apiUsername: "", apiPassword: "" });
    });
  });
};
