// Brings the database up to date before a server starts (`npm run serve`, `npm run db:deploy`).
// Safe beside running instances: see lib/db/migrate-sqlite.mjs and lib/db/migrate-postgres.mjs.
// Exits 1 with the reason when the database cannot be reached, a migration fails (it is rolled
// back whole) or another migrator holds the lock too long.
import path from "node:path";
import { databaseKind, redactedUrl, resolveDatabaseUrl } from "../lib/database-url.mjs";
import { migratePostgres } from "../lib/db/migrate-postgres.mjs";
import { enableIncrementalVacuum, migrateSqlite } from "../lib/db/migrate-sqlite.mjs";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from "../lib/db/schema-variants.mjs";

const log = (message) => console.log(`[migrate] ${message}`);
const lockWaitMs = Number(process.env.MIGRATE_LOCK_WAIT_SECONDS || 120) * 1000;

const migrateSqliteFile = (url) => {
  const file = url.slice("file:".length);
  try {
    const { applied } = migrateSqlite({ file, folder: path.resolve(SQLITE_MIGRATIONS), lockWaitMs, log });
    log(applied.length > 0 ? `Applied ${applied.length} migration(s) to ${file}.` : `${file} is up to date.`);
    enableIncrementalVacuum({ file, log });
  } catch (error) {
    const message = /busy|locked/i.test(error.message)
      ? `${error.message} (another process held the write lock for ${lockWaitMs / 1000} s; raise MIGRATE_LOCK_WAIT_SECONDS or stop it)`
      : error.message;
    console.error(`[migrate] Could not bring ${file} up to date. ${message}`);
    process.exit(1);
  }
};

const migratePostgresDatabase = async (url) => {
  const where = redactedUrl(url);
  try {
    const { applied } = await migratePostgres({ url, folder: path.resolve(POSTGRES_MIGRATIONS), lockWaitMs, log });
    log(applied.length > 0 ? `Applied ${applied.length} migration(s) to ${where}.` : `${where} is up to date.`);
  } catch (error) {
    console.error(`[migrate] Could not bring ${where} up to date. ${error.message}`);
    process.exit(1);
  }
};

let url;
try {
  url = resolveDatabaseUrl();
} catch (error) {
  console.error(`[migrate] ${error.message}`);
  process.exit(1);
}
if (databaseKind(url) === "postgresql") await migratePostgresDatabase(url);
else migrateSqliteFile(url);
