// One source of truth for the data model: prisma/schema.prisma (SQLite, the embedded default).
// A Prisma schema names one provider, so PostgreSQL gets a copy of it that differs only in the
// provider and where its client is generated (prisma/postgresql/schema.prisma, written by
// `npm run db:migration` and checked by lib/db/schema-variants.test.ts). The model blocks use
// only types both providers store alike (String, Int, BigInt, Float, Boolean, DateTime).
import { readFileSync, writeFileSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";
export const SQLITE_MIGRATIONS = "prisma/migrations";
export const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:migration`: edit that file, not this one.\n";

const replaceOnce = (text, from, to) => {
  if (text.split(from).length !== 2) throw new Error(`prisma/schema.prisma must contain ${JSON.stringify(from)} exactly once`);
  return text.replace(from, to);
};

/**
 * The PostgreSQL schema for a SQLite one.
 * @param {string} sqliteSchema @returns {string}
 */
export const postgresSchemaFrom = (sqliteSchema) =>
  HEADER +
  replaceOnce(
    replaceOnce(sqliteSchema, 'provider = "sqlite"', 'provider = "postgresql"'),
    'output       = "../lib/generated/prisma"',
    'output       = "../../lib/generated/prisma-postgresql"',
  );

/** Rewrites prisma/postgresql/schema.prisma from prisma/schema.prisma. */
export const writePostgresSchema = () =>
  writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
