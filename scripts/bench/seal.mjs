// Webhooks are inserted by the benchmark, not through the UI, yet must look the same to the
// portal: their service URI and headers sealed with the SECRET_KEY the portal runs with.

import { createCipheriv, createHash, randomBytes, randomUUID } from "node:crypto";
import { SECRET_KEY } from "./settings.mjs";

/**
 * Encrypts like lib/crypto/secret-box.ts ("v1:" + base64 of iv | tag | ciphertext, key = SHA-256
 * of SECRET_KEY), so the worker takes the same decrypting path as for webhooks made in the UI.
 */
export const seal = (plaintext) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(SECRET_KEY, "utf8").digest(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
};

/** The rows of `count` enabled push webhooks pointing at `serviceUri`, as the portal stores them. */
export const benchWebhooks = (count, serviceUri) =>
  Array.from({ length: count }, (_, i) => ({
    id: `benchwh${i}${randomUUID().replaceAll("-", "")}`,
    name: `benchhook${String(i).padStart(4, "0")}`,
    serviceUri: seal(serviceUri),
    customHeaders: seal("[]"),
  }));
