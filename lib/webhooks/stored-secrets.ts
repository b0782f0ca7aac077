import { decryptSecret, encryptSecret, SEALED_PREFIX } from "../crypto/secret-box";
import type { Plaintext, Sealed } from "../crypto/sealed";
import { serviceUriHash } from "./service-uri-hash";
import type { HeaderPair } from "../http/header-pair";

// A webhook's service URI and custom headers often carry credentials (a token in the query,
// user:pass@, an Authorization header), so they are stored encrypted with the same AES-256-GCM
// box as signing secrets: "v1:<base64>".
//
// Stored and opened values have different types, so one cannot be passed for the other:
// - `Sealed` is a column value as the database holds it. Rows read from the database carry it
//   (storedWebhook() for Prisma rows, TargetRow in lib/db/delivery-store-types.ts).
// - `Plaintext` (a string that is not `Sealed`) and `WebhookSecrets` / `OpenedWebhook` are what
//   sends a request or shows a URI: lib/delivery/send-delivery.ts, send-now.ts, the worker,
//   the callback config, the Configure form.
// openWebhook() is the ONE function that turns the first into the second; sealWebhook() and
// sealValue() go the other way. Ingest, Ping and Redeliver need only the service URI's hash,
// which is written beside the sealed URI (serviceUriHash), so they never open anything.
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

export type { Plaintext, Sealed };

/** A webhook's secret columns as stored; signing secrets are "" while the webhook is unsigned. */
export type SealedWebhookColumns = {
  serviceUri: Sealed;
  customHeaders: Sealed;
  signingSecret: Sealed | "";
  previousSigningSecret: Sealed | "";
};

/** The service URI and custom headers in plaintext: what a form writes and a request carries. */
export type WebhookSecrets = { serviceUri: Plaintext; customHeaders: HeaderPair[] };

/** A stored row opened: service URI, parsed custom headers and signing secrets ("" when none) in plaintext. */
export type OpenedWebhook<Row extends SealedWebhookColumns = SealedWebhookColumns> = Omit<Row, keyof SealedWebhookColumns> &
  WebhookSecrets & { signingSecret: Plaintext; previousSigningSecret: Plaintext };

/** What a create or update writes: the service URI and custom headers sealed, and the URI's hash. */
export type SealedWebhookSecrets = { serviceUri: Sealed; customHeaders: Sealed; serviceUriHash: string };

/** True for a value written by this module; anything else is legacy plaintext. */
export const isSealed = (value: string): value is Sealed => value.startsWith(SEALED_PREFIX);

/**
 * A row read from the database with its secret columns typed as stored. Every writer seals
 * them (sealWebhook, the encrypt-at-rest pass), so this only names what the row holds.
 */
export const storedWebhook = <Row extends { serviceUri: string; customHeaders: string; signingSecret: string; previousSigningSecret: string }>(
  row: Row,
) => row as unknown as Omit<Row, keyof SealedWebhookColumns> & SealedWebhookColumns;

// The worker decrypts the same few webhooks for thousands of deliveries: each successful
// decryption is remembered by its ciphertext (unique per write: a random IV) and the key it
// was opened with. Bounded; the oldest entry goes first. Up to four entries per webhook; past
// that, a miss costs one AES-GCM decryption (µs).
const MAX_CACHED = 1024;
const opened = new Map<string, { key: Buffer; plaintext: string }>();

/** Decrypts (cached); throws on a value that is not sealed, a wrong key or tampering. */
const decryptCached = (sealed: string, key: Buffer): Plaintext => {
  const hit = opened.get(sealed);
  if (hit && (hit.key === key || hit.key.equals(key))) return hit.plaintext;
  const plaintext = decryptSecret(sealed, key);
  if (opened.size >= MAX_CACHED) opened.delete(opened.keys().next().value!);
  opened.set(sealed, { key, plaintext });
  return plaintext;
};

/**
 * THE function that opens a stored webhook row: the service URI, the custom headers (parsed)
 * and the signing secrets in plaintext; the other columns as they are. Throws when a value was
 * sealed with another key or tampered with (SECRET_KEY changed): callers say so rather than
 * send to a guessed address or unsigned.
 *
 * Legacy rule, kept here and nowhere else: a service URI or custom headers value without the
 * "v1:" prefix was written before encryption at rest and is read as it is (a service URI is
 * always http(s)://..., headers always a JSON array, so neither can be mistaken for a sealed
 * value), until encryptPlaintextWebhookSecrets (./encrypt-at-rest.ts) seals it at the next
 * start. Signing secrets were encrypted from the first day: one without the prefix is refused.
 */
export const openWebhook = <Row extends SealedWebhookColumns>(row: Row, key: Buffer): OpenedWebhook<Row> => {
  const orLegacyPlaintext = (stored: Sealed): Plaintext => (isSealed(stored) ? decryptCached(stored, key) : stored);
  const signing = (stored: Sealed | ""): Plaintext => (stored === "" ? "" : decryptCached(stored, key));
  return {
    ...row,
    serviceUri: orLegacyPlaintext(row.serviceUri),
    customHeaders: JSON.parse(orLegacyPlaintext(row.customHeaders)) as HeaderPair[],
    signingSecret: signing(row.signingSecret),
    previousSigningSecret: signing(row.previousSigningSecret),
  };
};

/** One value as stored: encrypted. */
export const sealValue = (plaintext: Plaintext, key: Buffer): Sealed => {
  // Sealing a sealed value would store ciphertext that opens to ciphertext: a caller's bug.
  if (isSealed(plaintext)) throw new Error("Refusing to seal a value that is already sealed");
  return encryptSecret(plaintext, key) as Sealed;
};

/**
 * One sealed value opened: a registry's API password (lib/operations/registry-api.ts). Throws
 * on a value that is not sealed, a wrong key or tampering, as openWebhook does.
 */
export const openValue = (stored: Sealed, key: Buffer): Plaintext => decryptCached(stored, key);

/** The columns to write: service URI and the custom headers' JSON text, each encrypted, and the URI's hash. */
export const sealWebhook = (secrets: WebhookSecrets, key: Buffer): SealedWebhookSecrets => ({
  serviceUri: sealValue(secrets.serviceUri, key),
  customHeaders: sealValue(JSON.stringify(secrets.customHeaders), key),
  serviceUriHash: serviceUriHash(secrets.serviceUri),
});

/** For tests: forget every cached decryption. */
export const clearOpenedCache = () => opened.clear();
