import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-postgresql/client";
import { isPostgres } from "./db/kind";
import { pgPool } from "./db/postgres-pool";
import { env } from "./env";

// One client per process. Next.js bundles routes, server actions and instrumentation
// separately (and dev reloads modules), so the client lives on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// Both clients are generated from one model (lib/db/schema-variants.mjs), so they have the same
// API; the code is typed against the SQLite one, whose features are the smaller set.
const createClient = (): PrismaClient =>
  isPostgres
    ? (new PostgresPrismaClient({ adapter: new PrismaPg(pgPool()) }) as unknown as PrismaClient)
    : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.DATABASE_URL }) });

export const db: PrismaClient = (globalForPrisma.prisma ??= createClient());
