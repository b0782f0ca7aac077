// `npm install` (postinstall) and `npm run db:generate`: the Prisma client for each database.
// prisma.config.ts picks the schema from DATABASE_URL, so each run names its kind of URL
// (nothing connects to it: generating is offline).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

// Installed from the package (a QA team's Playwright kit, the CLI), no schema ships with it:
// there is no client to generate, and failing here would fail their `npm install`.
if (!existsSync(new URL("../prisma/schema.prisma", import.meta.url))) {
  console.log("[generate] no Prisma schema here (installed as a package): nothing to generate");
  process.exit(0);
}

const URLS = { sqlite: "file:data/registry-webhooks.db", postgresql: "postgresql://generate@127.0.0.1/generate" };

for (const [kind, url] of Object.entries(URLS)) {
  console.log(`[generate] Prisma client for ${kind}`);
  execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
}
