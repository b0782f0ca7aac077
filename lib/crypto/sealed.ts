// Values sealed with the secret box (./secret-box.ts) have a type of their own, so code that
// sends or shows a value cannot be handed one still encrypted (lib/webhooks/stored-secrets.ts
// opens them).

declare const sealedBrand: unique symbol;

/**
 * A secret column as stored: "v1:<base64>" sealed with SECRET_KEY, or, for a service URI or
 * custom headers written before encryption at rest and not yet converted, legacy plaintext.
 * Only lib/webhooks/stored-secrets.ts opens it.
 */
export type Sealed = string & { readonly [sealedBrand]: true };

/** A string that is not `Sealed`: what may be sent or shown. Any plain string is one. */
export type Plaintext = string & { readonly [sealedBrand]?: never };
