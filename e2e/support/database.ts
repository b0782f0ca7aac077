import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../../lib/generated/prisma-postgresql/client";
import { databaseKind, resolveDatabaseUrl } from "../../lib/database-url.mjs";
import { E2E_DATABASE_URL } from "./settings";

/**
 * A portal's database (the SQLite e2e portal's by default), for seeding and for asserting what
 * was stored. Both clients have the same API (lib/db.ts types them as the SQLite one too).
 */
export const openDatabase = (databaseUrl = E2E_DATABASE_URL): PrismaClient =>
  databaseKind(databaseUrl) === "postgresql"
    ? (new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }) }) as unknown as PrismaClient)
    : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: resolveDatabaseUrl(databaseUrl) }) });

export type Database = ReturnType<typeof openDatabase>;
