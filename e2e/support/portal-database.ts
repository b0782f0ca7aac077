import path from "node:path";
import { freshDatabase } from "./portal-process";
import { dropPostgresDatabase, freshPostgresDatabase, postgresPortalEnv } from "./postgres";
import { extraPortalPort } from "./settings";
import type { E2ETarget } from "./targets";

export type PortalDatabase = {
  /** The extra portal's port: one per kind of database, as the two projects run side by side. */
  port: number;
  /** DATABASE_URL (and, on PostgreSQL, the secret key every instance shares) for startPortal. */
  env: Record<string, string>;
  /** Drops the PostgreSQL database after the spec (the SQLite file is replaced on the next run). */
  drop: () => Promise<unknown>;
};

/**
 * A fresh, empty database of the project's kind for a spec's own portal: `data/<name>.db` on
 * SQLite, a database `e2e_<name>` on the PostgreSQL project's cluster.
 */
export const freshPortalDatabase = async (
  target: E2ETarget,
  options: { name: string; sqlitePortOffset: number; postgresPortOffset: number },
): Promise<PortalDatabase> => {
  if (target.name === "postgresql") {
    const name = `e2e_${options.name}`;
    return {
      port: extraPortalPort(options.postgresPortOffset),
      env: postgresPortalEnv(await freshPostgresDatabase(name)),
      drop: () => dropPostgresDatabase(name),
    };
  }
  const databaseUrl = await freshDatabase(path.resolve(`data/${options.name.replaceAll("_", "-")}.db`));
  return { port: extraPortalPort(options.sqlitePortOffset), env: { DATABASE_URL: databaseUrl }, drop: async () => undefined };
};
