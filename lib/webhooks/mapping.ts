import { secretKey } from "../crypto/secret-key";
import type { HeaderPair } from "./headers";
import { parseCustomHeaders } from "./headers";
import { keepMaskedHeaders, keepMaskedUri, maskHeaderValues, maskUri } from "./secrets-mask";
import type { WebhookAction, WebhookStatus, WebhookUpdateInput } from "./schema";
import { sealWebhookSecrets, type WebhookSecretColumns } from "./stored-secrets";
import type { WebhookListItem, WebhookView } from "./types";

type WebhookRow = {
  name: string;
  serviceUri: string;
  customHeaders: string;
  actions: string;
  status: string;
  scope: string;
  createdAt: Date;
  signingSecret: string;
  previousSecretExpiresAt: Date | null;
};

/** Anything but "disabled" counts as enabled, as it always has. */
export const statusOf = (stored: string): WebhookStatus => (stored === "disabled" ? "disabled" : "enabled");

/** The list/table fields of a stored row: no secrets, nothing to decrypt. */
export const toListItem = (row: { name: string; actions: string; status: string; scope: string }): WebhookListItem => ({
  name: row.name,
  actions: actionsOf(row.actions),
  scope: row.scope,
  status: statusOf(row.status),
});

export const actionsOf = (stored: string): WebhookAction[] =>
  stored.split(",").filter((action): action is WebhookAction => action === "push" || action === "delete");

/** What pages may see: the service URI and header values masked (write-only, as in ACR). */
export const toWebhookView = (row: WebhookRow): WebhookView => ({
  name: row.name,
  serviceUri: maskUri(row.serviceUri),
  customHeaders: maskHeaderValues(JSON.parse(row.customHeaders) as HeaderPair[]),
  actions: actionsOf(row.actions),
  status: statusOf(row.status),
  scope: row.scope,
  createdAt: row.createdAt.toISOString(),
  isSigned: row.signingSecret !== "",
  previousSecretExpiresAt:
    row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now()
      ? row.previousSecretExpiresAt.toISOString()
      : null,
});

/**
 * The columns a validated form writes (everything but name and registry), with the service
 * URI and custom headers encrypted (./stored-secrets.ts). Configure shows secrets masked:
 * given the stored row, already decrypted (findWebhookRow), a value left masked keeps what is stored.
 */
export const toWebhookColumns = (
  input: WebhookUpdateInput,
  stored?: WebhookSecretColumns,
  key: Buffer = secretKey(),
) => {
  const headers = parseCustomHeaders(input.customHeaders);
  if (!headers.ok) throw new Error("toWebhookColumns got unvalidated headers");
  const secrets = sealWebhookSecrets(
    {
      serviceUri: stored ? keepMaskedUri(input.serviceUri, stored.serviceUri) : input.serviceUri,
      customHeaders: JSON.stringify(
        stored ? keepMaskedHeaders(headers.headers, JSON.parse(stored.customHeaders) as HeaderPair[]) : headers.headers,
      ),
    },
    key,
  );
  return {
    ...secrets,
    actions: input.actions.join(","),
    status: input.status satisfies WebhookStatus,
    scope: input.scope,
  };
};
