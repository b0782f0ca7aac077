import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

// One client per process. Next.js bundles routes, server actions and instrumentation
// separately (and dev reloads modules), so the client lives on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

const createClient = () =>
  new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.DATABASE_URL }) });

export const db: PrismaClient = (globalForPrisma.prisma ??= createClient());
