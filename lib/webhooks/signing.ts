import "server-only";
import { secretKey } from "../crypto/secret-key";
import { db } from "../db";
import { generateSigningSecret } from "../crypto/webhook-signature";
import { sealValue, type Plaintext } from "./stored-secrets";

/** How long a rotated-out secret keeps signing, so receivers can switch without losing events. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A webhook's signing secrets as openWebhook gives them: plaintext, "" when none. */
type SecretColumns = { signingSecret: Plaintext; previousSigningSecret: Plaintext; previousSecretExpiresAt: Date | null };

/** The plaintext secrets that sign a request sent now: the current one, and a rotated-out one for 24 h. */
export const secretsInForce = (webhook: SecretColumns, now = Date.now()): string[] => {
  if (!webhook.signingSecret) return [];
  const secrets = [webhook.signingSecret];
  const expiresAt = webhook.previousSecretExpiresAt?.getTime() ?? 0;
  if (webhook.previousSigningSecret && expiresAt > now) secrets.push(webhook.previousSigningSecret);
  return secrets;
};

/** Creates the webhook's first secret, or rotates: the old one keeps signing for 24 hours. */
export const rotateSecret = async (webhook: { id: string } & SecretColumns) => {
  const secret = generateSigningSecret();
  await db.webhook.update({
    where: { id: webhook.id },
    data: {
      signingSecret: sealValue(secret, secretKey()),
      // Sealed afresh from the opened row (a new IV; the same secret).
      ...(webhook.signingSecret
        ? { previousSigningSecret: sealValue(webhook.signingSecret, secretKey()), previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS) }
        : {}),
    },
  });
  return secret;
};

export const revealSecret = (webhook: SecretColumns) => webhook.signingSecret || null;
