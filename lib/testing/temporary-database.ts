import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type Db = typeof import("../db").db;

/**
 * A fresh SQLite file with the real migrations, for one test file, deleted afterwards.
 * Call it at the top of the file, before anything imports lib/db (which reads DATABASE_URL
 * once); `open()` in beforeAll migrates and returns the Prisma client, `close()` in afterAll.
 */
export const temporaryDatabase = (name: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), `rw-${name}-`));
  process.env.DATABASE_URL = `file:${path.join(folder, "test.db")}`;
  let db: Db | undefined;
  return {
    open: async (): Promise<Db> => {
      execFileSync("node", ["scripts/migrate.mjs"], { env: process.env, stdio: "ignore" });
      ({ db } = await import("../db"));
      return db;
    },
    close: async () => {
      await db?.$disconnect();
      rmSync(folder, { recursive: true, force: true });
    },
  };
};
