import "server-only";
import type pg from "pg";
import type { WebhookSecretColumns, WebhookSecretRows } from "../store-contracts";
import { inTransaction } from "./transaction";

// PostgreSQL's side of lib/webhooks/encrypt-at-rest.ts. FOR UPDATE locks the rows it reads
// until the commit: a form saving one of them waits instead of being overwritten, and a second
// instance doing the same pass waits too, then finds them sealed (PostgreSQL checks the WHERE
// again on a row that changed while it waited) and leaves them alone.

type StoredRow = WebhookSecretColumns & { id: string };

// starts_with, not LIKE: LIKE treats "_" and "%" specially, and ILIKE would ignore case.
const UNSEALED = `SELECT "id", "serviceUri", "customHeaders" FROM "Webhook"
                  WHERE NOT starts_with("serviceUri", $1) OR NOT starts_with("customHeaders", $1)
                  FOR UPDATE`;
const UPDATE = `UPDATE "Webhook" SET "serviceUri" = $1, "customHeaders" = $2 WHERE "id" = $3`;

export const postgresWebhookSecretRows = (pool: () => pg.Pool): WebhookSecretRows => ({
  rewriteUnsealed: (sealedPrefix, rewrite) =>
    inTransaction(pool(), async (client) => {
      const { rows } = await client.query<StoredRow>(UNSEALED, [sealedPrefix]);
      for (const row of rows) {
        const { serviceUri, customHeaders } = rewrite(row);
        await client.query(UPDATE, [serviceUri, customHeaders, row.id]);
      }
      return rows.length;
    }),
});
