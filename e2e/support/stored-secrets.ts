import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { keyFrom } from "../../lib/crypto/secret-box";
import { resolveDatabaseUrl } from "../../lib/database-url.mjs";
import type { HeaderPair } from "../../lib/http/header-pair";
import { openWebhook, sealWebhook, storedWebhook } from "../../lib/webhooks/stored-secrets";
import { E2E_DATABASE_URL } from "./settings";
import { currentTarget, type E2ETarget } from "./targets";

// Webhook service URIs and custom headers are stored encrypted. Tests that write or read
// webhook rows directly use the key of the portal their project targets (./targets.ts): the
// PostgreSQL portal's SECRET_KEY, or for the SQLite portal SECRET_KEY when set, otherwise
// secret.key beside the database, the same rule as lib/crypto/secret-key.ts (which is
// server-only, so it cannot be imported here). Every SQLite e2e portal shares this process's
// environment and keeps its database in data/, so they all use the same key; the extra
// PostgreSQL portals a test starts are given the PostgreSQL portal's SECRET_KEY.

const cached = new Map<string, Buffer>();

const sqliteKey = (): Buffer => {
  if (process.env.SECRET_KEY) return keyFrom(process.env.SECRET_KEY);
  const file = path.join(path.dirname(resolveDatabaseUrl(E2E_DATABASE_URL).slice("file:".length)), "secret.key");
  try {
    // A fresh checkout: whoever comes first (a portal or this process) writes the key.
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return keyFrom(readFileSync(file, "utf8").trim());
};

export const e2eSecretKey = (target: E2ETarget = currentTarget()): Buffer => {
  let key = cached.get(target.name);
  if (!key) cached.set(target.name, (key = target.secretKey ? keyFrom(target.secretKey) : sqliteKey()));
  return key;
};

/**
 * A webhook's service URI and custom headers (JSON text) as the portal stores them: sealed, with
 * the URI's hash beside them, as the portal writes them (sealWebhook).
 */
export const sealStored = (columns: { serviceUri: string; customHeaders: string }) =>
  sealWebhook({ serviceUri: columns.serviceUri, customHeaders: JSON.parse(columns.customHeaders) as HeaderPair[] }, e2eSecretKey());

/** A stored webhook row opened (openWebhook): service URI, custom headers (parsed) and signing secrets in plaintext. */
export const openStored = <Row extends { serviceUri: string; customHeaders: string; signingSecret: string; previousSigningSecret: string }>(row: Row) =>
  openWebhook(storedWebhook(row), e2eSecretKey());
