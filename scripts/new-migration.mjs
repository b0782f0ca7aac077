// Writes a new migration from the change to prisma/schema.prisma since the last commit.
// `prisma migrate dev` needs a shadow database the JS engine cannot provide (see
// ../shared/toolchain.md), so we diff the committed schema against the working one.
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits, _)");
  process.exit(2);
}

const run = (command, args) => execFileSync(command, args, { encoding: "utf8" });
let from = ["--from-empty"];
try {
  const previous = path.join(tmpdir(), `schema-${process.pid}.prisma`);
  writeFileSync(previous, run("git", ["show", "HEAD:prisma/schema.prisma"]));
  from = ["--from-schema-datamodel", previous];
} catch {
  console.warn("No committed schema found: writing the migration from an empty database.");
}

const output = run("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"]);
// The CLI prints "Loaded Prisma config ..." on stdout; keep only the SQL.
const sql = output.slice(Math.max(0, output.indexOf("--")));
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
console.log(`Wrote ${folder}/migration.sql`);
