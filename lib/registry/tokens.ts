import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Notification tokens are shown once and stored only as a SHA-256 hash: they are long and
// random, so a fast hash is enough, and a leaked database does not leak working tokens.

export const generateToken = () => `rwn_${randomBytes(32).toString("base64url")}`;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Compares in constant time, so response timing says nothing about the stored hash. */
export const tokenMatches = (presented: string, storedHash: string) => {
  if (!storedHash) return false;
  const presentedHash = Buffer.from(hashToken(presented), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
};

/** The token from "Authorization: Bearer <token>", or null. */
export const bearerToken = (authorization: string | null) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? match[1] : null;
};
