import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseKind, resolveDatabaseUrl } from "./lib/database-url.mjs";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./lib/db/schema-variants.mjs";

// The CLI (generate, migrate status) and the app must open the same database, so both take
// the URL from resolveDatabaseUrl(), which also supplies the embedded default. Migrations are
// applied by scripts/migrate.mjs, not by `prisma migrate deploy` (see lib/db/migrate-*.mjs).
const url = resolveDatabaseUrl();
process.env.DATABASE_URL = url;
const isPostgres = databaseKind(url) === "postgresql";

export default defineConfig({
  schema: isPostgres ? POSTGRES_SCHEMA : SQLITE_SCHEMA,
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return isPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
