import { databaseKind } from "../database-url.mjs";
import { env } from "../env";

/** "sqlite" (the embedded default) or "postgresql", from DATABASE_URL; each dialect's SQL lives in lib/db/<kind>/. */
export const DATABASE_KIND = databaseKind(env.DATABASE_URL);
export const isPostgres = DATABASE_KIND === "postgresql";
