import { createHmac, randomBytes } from "node:crypto";
import type { HeaderPair } from "../http/header-pair";

// Standard Webhooks signatures (https://www.standardwebhooks.com): the receiver recomputes
// base64(HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")) and compares it with
// any "v1,<signature>" in webhook-signature. The key is the base64 text after "whsec_".

export const generateSigningSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export const sign = (secret: string, id: string, timestamp: number, body: string) =>
  createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");

/** The three headers, signed with every secret still in force (two while one is rotated out). */
export const signatureHeaders = (secrets: readonly string[], id: string, body: string, now = Date.now()): HeaderPair[] => {
  if (secrets.length === 0) return [];
  const timestamp = Math.floor(now / 1000);
  return [
    ["webhook-id", id],
    ["webhook-timestamp", String(timestamp)],
    ["webhook-signature", secrets.map((secret) => `v1,${sign(secret, id, timestamp, body)}`).join(" ")],
  ];
};
