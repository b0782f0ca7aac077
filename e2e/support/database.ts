import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { resolveDatabaseUrl } from "../../lib/database-url.mjs";
import { E2E_DATABASE_URL } from "./settings";

/** A portal's database (the e2e portal's by default), for seeding and for asserting what was stored. */
export const openDatabase = (databaseUrl = E2E_DATABASE_URL) =>
  new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: resolveDatabaseUrl(databaseUrl) }) });

export type Database = ReturnType<typeof openDatabase>;
