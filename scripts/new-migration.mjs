// Writes a new migration, for SQLite and for PostgreSQL, from the change to
// prisma/schema.prisma since the last commit. `prisma migrate dev` needs a shadow database the
// JS engine cannot provide (see ../shared/toolchain.md), so we diff the committed schema
// against the working one, once per provider (the PostgreSQL schema is generated from the
// SQLite one: lib/db/schema-variants.mjs).
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  POSTGRES_MIGRATIONS, POSTGRES_SCHEMA, SQLITE_MIGRATIONS, SQLITE_SCHEMA, postgresSchemaFrom, writePostgresSchema,
} from "../lib/db/schema-variants.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits, _)");
  process.exit(2);
}

const run = (command, args) =>
  // A file: URL keeps the diff offline (prisma.config.ts would connect for a postgresql:// one).
  execFileSync(command, args, { encoding: "utf8", env: { ...process.env, DATABASE_URL: "file:data/migration-diff.db" } });

const committedSqlite = () => {
  try {
    return run("git", ["show", `HEAD:${SQLITE_SCHEMA}`]);
  } catch {
    console.warn("No committed schema found: writing the migrations from an empty database.");
    return null;
  }
};

const writeMigration = (folder, from, to) => {
  const output = run("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"]);
  // The CLI prints "Loaded Prisma config ..." on stdout; keep only the SQL.
  const sql = output.slice(Math.max(0, output.indexOf("--")));
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  console.log(`Wrote ${folder}/migration.sql`);
};

writePostgresSchema();
const previous = committedSqlite();
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
for (const [schema, migrations, toPrevious] of [
  [SQLITE_SCHEMA, SQLITE_MIGRATIONS, (text) => text],
  [POSTGRES_SCHEMA, POSTGRES_MIGRATIONS, postgresSchemaFrom],
]) {
  let from = ["--from-empty"];
  if (previous) {
    const file = path.join(tmpdir(), `previous-${process.pid}-${path.basename(migrations)}.prisma`);
    writeFileSync(file, toPrevious(previous));
    from = ["--from-schema-datamodel", file];
  }
  writeMigration(path.join(migrations, `${stamp}_${name}`), from, schema);
}
