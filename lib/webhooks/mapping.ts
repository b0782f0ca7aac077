import { secretKey } from "../crypto/secret-key";
import { parseCustomHeaders } from "./headers";
import { payloadFormatOf } from "./payload-format";
import { keepMaskedHeaders, keepMaskedUri, maskHeaderValues, maskUri } from "./secrets-mask";
import type { WebhookAction, WebhookStatus, WebhookUpdateInput } from "./schema";
import { sealWebhook, type WebhookSecrets } from "./stored-secrets";
import type { DisabledReason, WebhookListItem, WebhookView } from "./types";

/** An opened row (openWebhook): the masked view is made from plaintext. */
type WebhookRow = WebhookSecrets & {
  name: string;
  actions: string;
  status: string;
  disabledReason: string;
  scope: string;
  payloadFormat: string;
  createdAt: Date;
  consecutiveFailures: number;
  lastError: string;
  lastErrorAt: Date | null;
  disabledAt: Date | null;
  signingSecret: string;
  previousSecretExpiresAt: Date | null;
};

/** Anything but "disabled" counts as enabled, as it always has. */
export const statusOf = (stored: string): WebhookStatus => (stored === "disabled" ? "disabled" : "enabled");

/** Why it is disabled; a disabled row from before the column counts as the admin's doing. */
export const disabledReasonOf = (status: string, stored: string): DisabledReason | null =>
  statusOf(status) === "enabled" ? null : stored === "failing" ? "failing" : "admin";

/** The list/table fields of a stored row: no secrets, nothing to decrypt. */
export const toListItem = (row: { name: string; actions: string; status: string; disabledReason: string; scope: string; payloadFormat: string }): WebhookListItem => ({
  name: row.name,
  actions: actionsOf(row.actions),
  scope: row.scope,
  status: statusOf(row.status),
  payloadFormat: payloadFormatOf(row.payloadFormat),
  disabledReason: disabledReasonOf(row.status, row.disabledReason),
});

export const actionsOf = (stored: string): WebhookAction[] =>
  stored.split(",").filter((action): action is WebhookAction => action === "push" || action === "delete");

/** What pages may see: the service URI and header values masked (write-only, as in ACR). */
export const toWebhookView = (row: WebhookRow): WebhookView => ({
  name: row.name,
  serviceUri: maskUri(row.serviceUri),
  customHeaders: maskHeaderValues(row.customHeaders),
  actions: actionsOf(row.actions),
  status: statusOf(row.status),
  disabledReason: disabledReasonOf(row.status, row.disabledReason),
  health: {
    consecutiveFailures: row.consecutiveFailures,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
  },
  scope: row.scope,
  payloadFormat: payloadFormatOf(row.payloadFormat),
  createdAt: row.createdAt.toISOString(),
  isSigned: row.signingSecret !== "",
  previousSecretExpiresAt:
    row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now()
      ? row.previousSecretExpiresAt.toISOString()
      : null,
});

/**
 * The columns a validated form writes (everything but name and registry), with the service
 * URI and custom headers encrypted and the URI's hash beside them (./stored-secrets.ts), so
 * ingest, Ping and Redeliver never decrypt. Configure shows secrets masked: given the current
 * secrets, opened (findWebhookRow), a value left masked keeps what is stored.
 */
export const toWebhookColumns = (
  input: WebhookUpdateInput,
  current?: WebhookSecrets,
  key: Buffer = secretKey(),
) => {
  const headers = parseCustomHeaders(input.customHeaders);
  if (!headers.ok) throw new Error("toWebhookColumns got unvalidated headers");
  const secrets = sealWebhook(
    {
      serviceUri: current ? keepMaskedUri(input.serviceUri, current.serviceUri) : input.serviceUri,
      customHeaders: current ? keepMaskedHeaders(headers.headers, current.customHeaders) : headers.headers,
    },
    key,
  );
  return {
    ...secrets,
    actions: input.actions.join(","),
    status: input.status satisfies WebhookStatus,
    scope: input.scope,
    payloadFormat: input.payloadFormat,
  };
};

/**
 * The columns a status written by an admin changes. Disabling records it as the admin's;
 * enabling (Configure, the API, or Enable on a webhook disabled as failing) clears the reason
 * and starts the failure count again, so the system disables it again only after a new run of
 * failures. Saving without changing the status keeps the reason ("failing" stays).
 */
export const statusChangeColumns = (next: WebhookStatus, current: string | null, now = new Date()) => {
  if (current !== null && statusOf(current) === next) return {};
  return next === "disabled"
    ? { status: next, disabledReason: "admin", disabledAt: now }
    : { status: next, disabledReason: "", disabledAt: null, consecutiveFailures: 0 };
};
