// The benchmark's SQL on PostgreSQL (`pg`, a dependency of the portal): a small pool on the
// throw-away cluster's bench database, beside the portals' own connections.

import pg from "pg";
import { benchWebhooks } from "./seal.mjs";
import { REGISTRY_NAME } from "./settings.mjs";

// COUNT(*) is a bigint, which `pg` hands back as a string; these counts fit an int.
const count = async (pool, sql) => Number((await pool.query(sql)).rows[0].n);

/** @returns the functions of ./database.mjs, on the database at `url` */
export const openPostgres = (url) => {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: "bench" });
  pool.on("error", () => {}); // an idle connection dropped at shutdown: the next query says so

  return {
    insertWebhooks: async (countOfHooks, serviceUri) => {
      const { rows } = await pool.query(`SELECT "id" FROM "Registry" WHERE "name" = $1`, [REGISTRY_NAME]);
      if (rows.length === 0) throw new Error(`registry "${REGISTRY_NAME}" was not created by the portal`);
      const hooks = benchWebhooks(countOfHooks, serviceUri);
      // DateTime columns are timestamp(3) holding UTC (lib/db/postgres/delivery-store.ts).
      await pool.query(
        `INSERT INTO "Webhook" ("id", "registryId", "name", "serviceUri", "customHeaders", "actions", "status", "scope", "createdAt", "updatedAt")
         SELECT h."id", $1, h."name", h."serviceUri", h."customHeaders", 'push', 'enabled', '', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS h("id", "name", "serviceUri", "customHeaders")`,
        [rows[0].id, ...["id", "name", "serviceUri", "customHeaders"].map((column) => hooks.map((hook) => hook[column]))],
      );
    },

    readDeliveryState: async () => {
      const attempts = await count(pool, `SELECT COUNT(*) AS n FROM "Attempt"`);
      const repeated = await count(
        pool,
        `SELECT COUNT(*) AS n FROM (SELECT "deliveryId" FROM "Attempt" GROUP BY "deliveryId" HAVING COUNT(*) > 1) AS r`,
      );
      const { rows } = await pool.query(`SELECT "state", COUNT(*)::int AS n FROM "Delivery" GROUP BY "state"`);
      const states = Object.fromEntries(rows.map((row) => [row.state, row.n]));
      const notDelivered = (
        await pool.query(
          `SELECT "lastStatus", COUNT(*)::int AS n FROM "Delivery" WHERE "state" <> 'delivered' GROUP BY "lastStatus" ORDER BY n DESC LIMIT 5`,
        )
      ).rows;
      return { attempts, repeated, states, notDelivered };
    },

    readPayloads: async () => (await pool.query(`SELECT "payload" FROM "Delivery" ORDER BY "seq"`)).rows.map((row) => row.payload),

    // No free-page count: PostgreSQL keeps freed space for reuse (autovacuum), it never shrinks files.
    readHousekeepingState: async () => ({ deliveries: await count(pool, `SELECT COUNT(*) AS n FROM "Delivery"`), freePages: null }),

    /** Each queue table with its indexes and TOAST (what the SQLite file holds of them). */
    storage: async () => {
      const { rows } = await pool.query(
        `SELECT pg_total_relation_size('"Delivery"')::float8 AS d, pg_total_relation_size('"Attempt"')::float8 AS a,
                (pg_total_relation_size('"RegistryEvent"') + pg_total_relation_size('"TagDigest"'))::float8 AS r`,
      );
      return { parts: [["Delivery", rows[0].d], ["Attempt", rows[0].a], ["RegistryEvent+TagDigest", rows[0].r]] };
    },

    close: () => pool.end(),
  };
};
