import "server-only";
import { createHmac } from "node:crypto";
import { secretKey } from "../crypto/secret-key";

/**
 * better-auth signs its session cookies with this. It is derived from the key that encrypts
 * secrets at rest (SECRET_KEY or data/secret.key), with its own label, so there is one
 * secret to keep, and rotating it signs everyone out.
 */
export const authSecret = () => createHmac("sha256", secretKey()).update("registry-webhooks/sessions").digest("base64url");
