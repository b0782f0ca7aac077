import "server-only";
import type Database from "better-sqlite3";
import type { WebhookSecretColumns, WebhookSecretRows } from "../store-contracts";

// SQLite's side of lib/webhooks/encrypt-at-rest.ts. BEGIN IMMEDIATE holds the write lock from
// the read to the last write, so a form saved meanwhile (or a second server process doing the
// same pass) waits instead of being overwritten.

type StoredRow = WebhookSecretColumns & { id: string };

export const sqliteWebhookSecretRows = (connection: () => Database.Database): WebhookSecretRows => ({
  rewriteUnsealed: async (sealedPrefix, rewrite) => {
    const db = connection();
    // substr, not LIKE: LIKE ignores case, and "V1:" is not our prefix.
    const select = db.prepare(
      `SELECT "id", "serviceUri", "customHeaders" FROM "Webhook"
       WHERE substr("serviceUri", 1, @length) <> @prefix OR substr("customHeaders", 1, @length) <> @prefix`,
    );
    const update = db.prepare(`UPDATE "Webhook" SET "serviceUri" = ?, "customHeaders" = ? WHERE "id" = ?`);
    return db
      .transaction(() => {
        const rows = select.all({ length: sealedPrefix.length, prefix: sealedPrefix }) as StoredRow[];
        for (const row of rows) {
          const { serviceUri, customHeaders } = rewrite(row);
          update.run(serviceUri, customHeaders, row.id);
        }
        return rows.length;
      })
      .immediate();
  },
});
