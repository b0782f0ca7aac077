import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, withConnection } from "../../scripts/postgres/cluster.mjs";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./schema-variants.mjs";

// The two databases must describe the same models: the PostgreSQL schema is the SQLite one with
// another provider, both generated clients know the same models and fields, and each provider's
// migrations, applied to an empty database, make a table with a column per scalar field.

type DataModel = { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> };

const dataModelOf = (client: string): DataModel => {
  const source = readFileSync(`lib/generated/${client}/internal/class.ts`, "utf8");
  const match = /config\.runtimeDataModel = JSON\.parse\((".*")\)/.exec(source);
  if (!match) throw new Error(`no runtimeDataModel in ${client}`);
  return JSON.parse(JSON.parse(match[1]));
};

/** Each model's table and its columns, as the schema says. */
const expectedTables = (model: DataModel) =>
  Object.fromEntries(
    Object.entries(model.models).map(([name, { fields }]) => [
      name,
      fields.filter((field) => field.kind === "scalar").map((field) => field.name).sort(),
    ]),
  );

const migrate = (url: string) =>
  execFileSync("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });

const folder = mkdtempSync(path.join(tmpdir(), "rw-schemas-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("one data model, two databases", () => {
  it("keeps the committed PostgreSQL schema generated from the SQLite one (run `npm run db:migration` after editing it)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("generates two clients with the same models and fields", () => {
    const sqlite = dataModelOf("prisma");
    expect(Object.keys(sqlite.models).length).toBeGreaterThan(10);
    expect(dataModelOf("prisma-postgresql")).toEqual(sqlite);
  });

  it("makes the same tables and columns from each provider's migrations", async () => {
    const expected = expectedTables(dataModelOf("prisma"));

    const file = path.join(folder, "schema.db");
    migrate(`file:${file}`);
    const sqlite = new Database(file, { readonly: true });
    const sqliteTables = Object.fromEntries(
      Object.keys(expected).map((table) => [
        table,
        (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name).sort(),
      ]),
    );
    sqlite.close();
    expect(sqliteTables).toEqual(expected);

    const name = `rw_schemas_${process.pid}`;
    const url = await createDatabase(process.env.TEST_POSTGRES_URL!, name);
    try {
      migrate(url);
      const { rows } = await withConnection(url, (client) =>
        client.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
        ),
      );
      const postgresTables: Record<string, string[]> = {};
      for (const row of rows) (postgresTables[row.table_name] ??= []).push(row.column_name);
      for (const columns of Object.values(postgresTables)) columns.sort();
      expect(postgresTables).toEqual(expected);
    } finally {
      await dropDatabase(process.env.TEST_POSTGRES_URL!, name);
    }
    // Two migrator processes and two databases: seconds on a loaded 2-core machine.
  }, 60_000);
});
