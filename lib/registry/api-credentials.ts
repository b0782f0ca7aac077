import type { FieldErrors } from "../forms/field-errors";
import { isSealed, openValue, sealValue, type Plaintext, type Sealed } from "../webhooks/stored-secrets";
import { apiPasswordMissingMessage, type RegistryApiValues, type RegistryApiView } from "./api-settings";

// A registry's API columns as stored: the address and username in plaintext, the password
// sealed like a webhook's secrets ("v1:..." AES-256-GCM) or "" when there is none. The key is
// a parameter (callers pass secretKey()) so tests on both databases can use it directly.

export type RegistryApiColumns = { apiAddress: string; apiUsername: string; apiPassword: string };

export type ApiColumnsResult = { kind: "ok"; data: RegistryApiColumns } | { kind: "invalid"; fieldErrors: FieldErrors };

/**
 * The columns to write for `values`. The password is write-only: an empty field keeps the
 * stored one, and clearing the username removes both (the only way to drop credentials).
 */
export const apiColumnsToWrite = (values: RegistryApiValues, storedPassword: string, key: Buffer): ApiColumnsResult => {
  if (values.apiUsername === "") return { kind: "ok", data: { apiAddress: values.apiAddress, apiUsername: "", apiPassword: "" } };
  if (values.apiPassword === "" && storedPassword === "") return { kind: "invalid", fieldErrors: { apiPassword: apiPasswordMissingMessage } };
  const apiPassword = values.apiPassword === "" ? storedPassword : sealValue(values.apiPassword, key);
  return { kind: "ok", data: { apiAddress: values.apiAddress, apiUsername: values.apiUsername, apiPassword } };
};

/** What pages and answers may show: never the password, nor its ciphertext. */
export const apiView = (row: RegistryApiColumns): RegistryApiView => ({
  apiAddress: row.apiAddress,
  apiUsername: row.apiUsername,
  hasApiPassword: row.apiPassword !== "",
});

/** The credentials to send, opened; null without a username. Throws when the password was sealed with another key. */
export const openApiCredentials = (row: RegistryApiColumns, key: Buffer): { username: string; password: Plaintext } | null => {
  if (row.apiUsername === "") return null;
  if (row.apiPassword === "") return { username: row.apiUsername, password: "" };
  if (!isSealed(row.apiPassword)) throw new Error("The registry API password is not sealed");
  return { username: row.apiUsername, password: openValue(row.apiPassword as Sealed, key) };
};
