// Brings the database up to date before a server starts (`npm run serve`, `npm run db:deploy`).
// Safe beside running instances: see lib/db/migrate-sqlite.mjs. Exits 1 with the reason when
// a migration fails (it is rolled back whole) or the write lock stays taken too long.
import path from "node:path";
import { resolveDatabaseUrl } from "../lib/database-url.mjs";
import { enableIncrementalVacuum, migrateSqlite } from "../lib/db/migrate-sqlite.mjs";

const log = (message) => console.log(`[migrate] ${message}`);
const file = resolveDatabaseUrl().slice("file:".length);
const lockWaitMs = Number(process.env.MIGRATE_LOCK_WAIT_SECONDS || 120) * 1000;

try {
  const { applied } = migrateSqlite({ file, folder: path.resolve("prisma/migrations"), lockWaitMs, log });
  log(applied.length > 0 ? `Applied ${applied.length} migration(s) to ${file}.` : `${file} is up to date.`);
  enableIncrementalVacuum({ file, log });
} catch (error) {
  const message = /busy|locked/i.test(error.message)
    ? `${error.message} (another process held the write lock for ${lockWaitMs / 1000} s; raise MIGRATE_LOCK_WAIT_SECONDS or stop it)`
    : error.message;
  console.error(`[migrate] Could not bring ${file} up to date. ${message}`);
  process.exit(1);
}
