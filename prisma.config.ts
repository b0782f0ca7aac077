import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { resolveDatabaseUrl } from "./lib/database-url.mjs";

// The CLI (migrate deploy, generate) and the app must open the same file, so both
// take the URL from resolveDatabaseUrl(), which also supplies the embedded default.
const url = resolveDatabaseUrl();
process.env.DATABASE_URL = url;

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
