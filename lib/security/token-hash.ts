import { createHash, timingSafeEqual } from "node:crypto";

// Tokens we issue (registry notification tokens, personal API tokens) are shown once and stored
// only as a SHA-256 hash: they are long and random, so a fast hash is enough, and a leaked
// database does not leak working tokens.

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Compares in constant time, so response timing says nothing about the stored hash. */
export const tokenMatches = (presented: string, storedHash: string) => {
  if (!storedHash) return false;
  const presentedHash = Buffer.from(hashToken(presented), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
};
