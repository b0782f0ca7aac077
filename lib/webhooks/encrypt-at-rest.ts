import "server-only";
import { SEALED_PREFIX } from "../crypto/secret-box";
import { secretKey } from "../crypto/secret-key";
import { rawDb } from "../db-raw";
import { isPostgres } from "../db/kind";
import { isSealed, sealStoredValue } from "./stored-secrets";

// Databases written before service URIs and custom headers were encrypted hold them in
// plaintext. Readers accept both (./stored-secrets.ts), and this pass, run once at start-up,
// seals what is left so a copy of the database file no longer gives them away.

type StoredRow = { id: string; serviceUri: string; customHeaders: string };

/**
 * Encrypts every webhook's plaintext service URI and custom headers; returns how many rows
 * it changed (0 when there is nothing left to do, so running it again is harmless).
 * BEGIN IMMEDIATE: it holds the write lock from the read to the last write, so a form saved
 * meanwhile (or a second server process doing the same pass) waits instead of being overwritten.
 * updatedAt is left alone: the webhook's settings did not change.
 * PostgreSQL support came after encryption at rest: those databases never held plaintext.
 */
export const encryptPlaintextWebhookSecrets = (): number => {
  if (isPostgres) return 0;
  // Also makes sure a generated key exists from start-up on, rather than from the first save.
  const key = secretKey();
  const db = rawDb();
  // substr, not LIKE: LIKE ignores case, and "V1:" is not our prefix.
  const select = db.prepare(
    `SELECT "id", "serviceUri", "customHeaders" FROM "Webhook"
     WHERE substr("serviceUri", 1, ${SEALED_PREFIX.length}) <> '${SEALED_PREFIX}' OR substr("customHeaders", 1, ${SEALED_PREFIX.length}) <> '${SEALED_PREFIX}'`,
  );
  const update = db.prepare(`UPDATE "Webhook" SET "serviceUri" = ?, "customHeaders" = ? WHERE "id" = ?`);
  const seal = (value: string) => (isSealed(value) ? value : sealStoredValue(value, key));
  return db
    .transaction(() => {
      const rows = select.all() as StoredRow[];
      for (const row of rows) update.run(seal(row.serviceUri), seal(row.customHeaders), row.id);
      return rows.length;
    })
    .immediate();
};
