import "server-only";
import { SEALED_PREFIX } from "../crypto/secret-box";
import { secretKey } from "../crypto/secret-key";
import { isPostgres } from "../db/kind";
import { serviceUriHash } from "./service-uri-hash";
import { postgresWebhookSecretRows } from "../db/postgres/webhook-secrets";
import { pgPool } from "../db/postgres-pool";
import { sqliteWebhookSecretRows } from "../db/sqlite/webhook-secrets";
import { rawDb } from "../db-raw";
import type { FinishedColumns, UnfinishedRow, WebhookSecretRows } from "../db/store-contracts";
import { isSealed, openWebhook, sealValue } from "./stored-secrets";

// Databases written before service URIs and custom headers were encrypted hold them in
// plaintext, and rows written before serviceUriHash existed have it empty. This pass, run at
// every start-up before the portal serves a request, seals what is left (so a copy of the
// database no longer gives them away) and stores the hash of each service URI (so ingest, Ping
// and Redeliver never decrypt). A SQL migration cannot compute the hash: the URI is sealed with
// SECRET_KEY, which only the portal has. Rows are taken in small batches, in id order, each
// batch in its own short transaction, so a large table does not hold the write lock for long.

const webhookSecretRows: WebhookSecretRows = isPostgres ? postgresWebhookSecretRows(pgPool) : sqliteWebhookSecretRows(rawDb);

export const BATCH_SIZE = 100;

/** The row sealed and hashed; null (and logged) when it cannot be opened with this key. */
const finish = (row: UnfinishedRow, key: Buffer): FinishedColumns | null => {
  let opened;
  try {
    // The pass needs no signing secret: it opens only the service URI and custom headers.
    opened = openWebhook({ ...row, signingSecret: "", previousSigningSecret: "" }, key);
  } catch (error) {
    // Sealed under another key (SECRET_KEY changed): left as it is; the worker reports it.
    console.error(`[encrypt-at-rest] cannot decrypt the service URI or custom headers of webhook ${row.id}`, error);
    return null;
  }
  return {
    // Values already sealed stay byte for byte as they are.
    serviceUri: isSealed(row.serviceUri) ? row.serviceUri : sealValue(opened.serviceUri, key),
    customHeaders: isSealed(row.customHeaders) ? row.customHeaders : sealValue(JSON.stringify(opened.customHeaders), key),
    serviceUriHash: serviceUriHash(opened.serviceUri),
  };
};

/**
 * Encrypts every webhook's plaintext service URI and custom headers and fills every empty
 * serviceUriHash; returns how many rows it changed (0 when there is nothing left to do, so
 * running it again is harmless). updatedAt is left alone: the webhook's settings did not change.
 */
export const encryptPlaintextWebhookSecrets = async (batchSize = BATCH_SIZE): Promise<number> => {
  // Also makes sure a generated key exists from start-up on, rather than from the first save.
  const key = secretKey();
  let changed = 0;
  // By id, not "until none is left": a row that cannot be opened stays unfinished and must not be read again.
  for (let afterId = ""; ; ) {
    const batch = await webhookSecretRows.rewriteUnfinished(SEALED_PREFIX, afterId, batchSize, (row) => finish(row, key));
    changed += batch.changed;
    if (batch.read < batchSize) return changed;
    afterId = batch.lastId;
  }
};
