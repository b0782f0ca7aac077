import "server-only";
import type Database from "better-sqlite3";
import type { UnfinishedRow, WebhookSecretRows } from "../store-contracts";

// SQLite's side of lib/webhooks/encrypt-at-rest.ts. BEGIN IMMEDIATE holds the write lock from
// the read to the last write of a batch, so a form saved meanwhile (or a second server process
// doing the same pass) waits instead of being overwritten.

export const sqliteWebhookSecretRows = (connection: () => Database.Database): WebhookSecretRows => ({
  rewriteUnfinished: async (sealedPrefix, afterId, limit, rewrite) => {
    const db = connection();
    // substr, not LIKE: LIKE ignores case, and "V1:" is not our prefix.
    const select = db.prepare(
      `SELECT "id", "serviceUri", "customHeaders", "serviceUriHash" FROM "Webhook"
       WHERE "id" > @afterId
         AND (substr("serviceUri", 1, @length) <> @prefix OR substr("customHeaders", 1, @length) <> @prefix OR "serviceUriHash" = '')
       ORDER BY "id" LIMIT @limit`,
    );
    const update = db.prepare(`UPDATE "Webhook" SET "serviceUri" = ?, "customHeaders" = ?, "serviceUriHash" = ? WHERE "id" = ?`);
    return db
      .transaction(() => {
        const rows = select.all({ afterId, limit, length: sealedPrefix.length, prefix: sealedPrefix }) as UnfinishedRow[];
        let changed = 0;
        for (const row of rows) {
          const finished = rewrite(row);
          if (!finished) continue;
          update.run(finished.serviceUri, finished.customHeaders, finished.serviceUriHash, row.id);
          changed += 1;
        }
        return { read: rows.length, changed, lastId: rows.at(-1)?.id ?? afterId };
      })
      .immediate();
  },
});
