import { decryptSecret, encryptSecret, SEALED_PREFIX } from "../crypto/secret-box";
import type { WebhookSecretColumns } from "../db/store-contracts";

// A webhook's service URI and custom headers often carry credentials (a token in the query,
// user:pass@, an Authorization header), so they are stored encrypted with the same AES-256-GCM
// box as signing secrets: "v1:<base64>". A value without that prefix is legacy plaintext from
// before encryption and is read as it is (a service URI is always http(s)://..., headers always
// a JSON array, so neither can be mistaken for a sealed value); encryptPlaintextWebhookSecrets
// (./encrypt-at-rest.ts) seals those once at start-up.
//
// Custom headers are sealed as ONE value: the whole JSON text of the [name, value] pairs,
// rather than each value on its own, because
// - one GCM tag covers the whole list: pairs cannot be swapped, dropped or reordered, nor a
//   value moved to another header, without decryption failing;
// - header names are hidden too (a name like X-Acme-Prod-Key says something);
// - the worker decrypts one value per webhook instead of one per header.
// The cost: pages that only need the names (masked view) decrypt the values too, which they
// did anyway as plaintext.
//
// The key is a parameter (callers pass secretKey(), as signing.ts does) so this module has no
// server-only dependency: e2e fixtures seal and read rows with it from the test process.

export type { WebhookSecretColumns };

/** True for a value written by this module; anything else is legacy plaintext. */
export const isSealed = (value: string) => value.startsWith(SEALED_PREFIX);

// The worker and ingest decrypt the same few webhooks for thousands of deliveries: each
// successful decryption is remembered by its ciphertext (unique per write: a random IV) and
// the key it was opened with. Bounded; the oldest entry goes first. Two entries per webhook,
// so this covers 512 busy webhooks; past that, a miss costs one AES-GCM decryption (µs).
const MAX_CACHED = 1024;
const opened = new Map<string, { key: Buffer; plaintext: string }>();

/** The plaintext of a stored value: decrypted (cached), or legacy plaintext as it is. Throws on a wrong key or tampering. */
export const openStoredValue = (stored: string, key: Buffer): string => {
  if (!isSealed(stored)) return stored;
  const hit = opened.get(stored);
  if (hit && (hit.key === key || hit.key.equals(key))) return hit.plaintext;
  const plaintext = decryptSecret(stored, key);
  if (opened.size >= MAX_CACHED) opened.delete(opened.keys().next().value!);
  opened.set(stored, { key, plaintext });
  return plaintext;
};

/** One value as stored: encrypted. */
export const sealStoredValue = (plaintext: string, key: Buffer): string => {
  // Sealing a sealed value would store ciphertext that opens to ciphertext: a caller's bug.
  if (isSealed(plaintext)) throw new Error("Refusing to seal a value that is already sealed");
  return encryptSecret(plaintext, key);
};

/** The columns to write: service URI and the custom headers' JSON text, each encrypted. */
export const sealWebhookSecrets = (columns: WebhookSecretColumns, key: Buffer): WebhookSecretColumns => ({
  serviceUri: sealStoredValue(columns.serviceUri, key),
  customHeaders: sealStoredValue(columns.customHeaders, key),
});

/**
 * The row with its service URI and custom headers (JSON text) in plaintext; the other columns
 * as they are. Already-plaintext values pass through, so opening twice is harmless.
 */
export const openWebhookSecrets = <Row extends WebhookSecretColumns>(row: Row, key: Buffer): Row => ({
  ...row,
  serviceUri: openStoredValue(row.serviceUri, key),
  customHeaders: openStoredValue(row.customHeaders, key),
});

/** For tests: forget every cached decryption. */
export const clearOpenedCache = () => opened.clear();
