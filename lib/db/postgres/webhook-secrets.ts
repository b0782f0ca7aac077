import "server-only";
import type pg from "pg";
import type { UnfinishedRow, WebhookSecretRows } from "../store-contracts";
import { inTransaction } from "./transaction";

// PostgreSQL's side of lib/webhooks/encrypt-at-rest.ts. FOR UPDATE locks the rows of a batch
// until its commit: a form saving one of them waits instead of being overwritten, and a second
// instance doing the same pass waits too, then finds them finished (PostgreSQL checks the WHERE
// again on a row that changed while it waited) and leaves them alone.

// starts_with, not LIKE: LIKE treats "_" and "%" specially, and ILIKE would ignore case.
const UNFINISHED = `SELECT "id", "serviceUri", "customHeaders", "serviceUriHash" FROM "Webhook"
                    WHERE "id" > $2
                      AND (NOT starts_with("serviceUri", $1) OR NOT starts_with("customHeaders", $1) OR "serviceUriHash" = '')
                    ORDER BY "id" LIMIT $3
                    FOR UPDATE`;
const UPDATE = `UPDATE "Webhook" SET "serviceUri" = $1, "customHeaders" = $2, "serviceUriHash" = $3 WHERE "id" = $4`;

export const postgresWebhookSecretRows = (pool: () => pg.Pool): WebhookSecretRows => ({
  rewriteUnfinished: (sealedPrefix, afterId, limit, rewrite) =>
    inTransaction(pool(), async (client) => {
      const { rows } = await client.query<UnfinishedRow>(UNFINISHED, [sealedPrefix, afterId, limit]);
      let changed = 0;
      for (const row of rows) {
        const finished = rewrite(row);
        if (!finished) continue;
        await client.query(UPDATE, [finished.serviceUri, finished.customHeaders, finished.serviceUriHash, row.id]);
        changed += 1;
      }
      return { read: rows.length, changed, lastId: rows.at(-1)?.id ?? afterId };
    }),
});
