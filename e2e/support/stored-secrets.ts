import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { keyFrom } from "../../lib/crypto/secret-box";
import { resolveDatabaseUrl } from "../../lib/database-url.mjs";
import { openWebhookSecrets, sealWebhookSecrets, type WebhookSecretColumns } from "../../lib/webhooks/stored-secrets";
import { E2E_DATABASE_URL } from "./settings";

// Webhook service URIs and custom headers are stored encrypted. Tests that write or read
// webhook rows directly use the portal's key: SECRET_KEY when set, otherwise secret.key beside
// the database, the same rule as lib/crypto/secret-key.ts (which is server-only, so it cannot be
// imported here). Every e2e portal shares this process's environment and keeps its database
// in data/, so they all use the same key.

let cached: Buffer | null = null;

export const e2eSecretKey = (): Buffer => {
  if (cached) return cached;
  if (process.env.SECRET_KEY) return (cached = keyFrom(process.env.SECRET_KEY));
  const file = path.join(path.dirname(resolveDatabaseUrl(E2E_DATABASE_URL).slice("file:".length)), "secret.key");
  try {
    // A fresh checkout: whoever comes first (a portal or this process) writes the key.
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return (cached = keyFrom(readFileSync(file, "utf8").trim()));
};

/** A webhook's service URI and custom headers (JSON text) as the portal stores them. */
export const sealStored = (columns: WebhookSecretColumns) => sealWebhookSecrets(columns, e2eSecretKey());

/** A stored webhook row with its service URI and custom headers (JSON text) in plaintext. */
export const openStored = <Row extends WebhookSecretColumns>(row: Row) => openWebhookSecrets(row, e2eSecretKey());
