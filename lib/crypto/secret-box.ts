import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// AES-256-GCM for secrets at rest (signing secrets today). Stored as
// "v1:<base64 of iv (12 bytes) | auth tag (16 bytes) | ciphertext>".

/** What every encrypted value starts with; anything else was never sealed here. */
export const SEALED_PREFIX = "v1:";

/** A 32-byte key from any string: SECRET_KEY may be a passphrase or random base64. */
export const keyFrom = (material: string) => createHash("sha256").update(material, "utf8").digest();

export const encryptSecret = (plaintext: string, key: Buffer) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
};

/** Throws when the value was not sealed with this key (or was tampered with). */
export const decryptSecret = (sealed: string, key: Buffer) => {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new Error("Not an encrypted secret");
  const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
};
