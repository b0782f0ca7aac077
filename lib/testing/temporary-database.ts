import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, databaseUrl, dropDatabase } from "../../scripts/postgres/cluster.mjs";

type Db = typeof import("../db").db;
export type DatabaseKind = "sqlite" | "postgresql";

/** The test cluster's superuser URL (lib/testing/postgres-global-setup.ts). */
const testServerUrl = () => {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("TEST_POSTGRES_URL is not set: run the tests with `npm test` or `npx vitest` (its global setup starts PostgreSQL)");
  return serverUrl;
};

/**
 * A fresh database with the real migrations, for one test file, deleted afterwards: a SQLite
 * file, or a database of its own on the test run's PostgreSQL server.
 * Call it at the top of the file, before anything imports lib/db (which reads DATABASE_URL
 * once); `open()` in beforeAll migrates and returns the Prisma client, `close()` in afterAll.
 */
export const temporaryDatabase = (name: string, kind: DatabaseKind = "sqlite") => {
  const folder = mkdtempSync(path.join(tmpdir(), `rw-${name}-`));
  const pgName = `rw_${name.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`.toLowerCase();
  process.env.DATABASE_URL =
    kind === "postgresql" ? databaseUrl(process.env.TEST_POSTGRES_URL ?? "postgresql://missing", pgName) : `file:${path.join(folder, "test.db")}`;
  // PostgreSQL requires a shared key (lib/env.ts); tests use a fixed one.
  if (kind === "postgresql") process.env.SECRET_KEY ||= "test-secret-key-of-the-unit-tests";
  let db: Db | undefined;
  return {
    kind,
    url: process.env.DATABASE_URL,
    open: async (): Promise<Db> => {
      if (kind === "postgresql") await createDatabase(testServerUrl(), pgName);
      execFileSync("node", ["scripts/migrate.mjs"], { env: process.env, stdio: "ignore" });
      ({ db } = await import("../db"));
      return db;
    },
    close: async () => {
      await db?.$disconnect();
      if (kind === "postgresql") {
        const { pgPool } = await import("../db/postgres-pool");
        await pgPool().end();
        await dropDatabase(testServerUrl(), pgName);
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
};
