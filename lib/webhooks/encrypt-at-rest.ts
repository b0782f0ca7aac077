import "server-only";
import { SEALED_PREFIX } from "../crypto/secret-box";
import { secretKey } from "../crypto/secret-key";
import { isPostgres } from "../db/kind";
import { postgresWebhookSecretRows } from "../db/postgres/webhook-secrets";
import type { WebhookSecretRows } from "../db/store-contracts";
import { pgPool } from "../db/postgres-pool";
import { sqliteWebhookSecretRows } from "../db/sqlite/webhook-secrets";
import { rawDb } from "../db-raw";
import { isSealed, sealStoredValue } from "./stored-secrets";

// Databases written before service URIs and custom headers were encrypted hold them in
// plaintext. Readers accept both (./stored-secrets.ts), and this pass, run once at start-up,
// seals what is left so a copy of the database no longer gives them away.

const webhookSecretRows: WebhookSecretRows = isPostgres ? postgresWebhookSecretRows(pgPool) : sqliteWebhookSecretRows(rawDb);

/**
 * Encrypts every webhook's plaintext service URI and custom headers; returns how many rows
 * it changed (0 when there is nothing left to do, so running it again is harmless).
 * updatedAt is left alone: the webhook's settings did not change.
 */
export const encryptPlaintextWebhookSecrets = (): Promise<number> => {
  // Also makes sure a generated key exists from start-up on, rather than from the first save.
  const key = secretKey();
  const seal = (value: string) => (isSealed(value) ? value : sealStoredValue(value, key));
  return webhookSecretRows.rewriteUnsealed(SEALED_PREFIX, (row) => ({ serviceUri: seal(row.serviceUri), customHeaders: seal(row.customHeaders) }));
};
