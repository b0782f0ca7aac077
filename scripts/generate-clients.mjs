// `npm install` (postinstall) and `npm run db:generate`: the Prisma client for each database.
// prisma.config.ts picks the schema from DATABASE_URL, so each run names its kind of URL
// (nothing connects to it: generating is offline).
import { execFileSync } from "node:child_process";

const URLS = { sqlite: "file:data/registry-webhooks.db", postgresql: "postgresql://generate@127.0.0.1/generate" };

for (const [kind, url] of Object.entries(URLS)) {
  console.log(`[generate] Prisma client for ${kind}`);
  execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
}
