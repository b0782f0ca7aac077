import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { resolveDatabaseUrl } from "../../lib/database-url";
import { E2E_DATABASE_URL } from "./settings";

/** The e2e portal's own database, for seeding and for asserting what was (not) stored. */
export const openDatabase = () =>
  new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: resolveDatabaseUrl(E2E_DATABASE_URL) }) });
