"use server";

import { invalidFields } from "../forms/field-errors";
import * as apiTokens from "../operations/api-tokens";
import { toAction } from "./to-action";

// The profile page's token actions: adapters of lib/operations/api-tokens.ts.

export type NewTokenResult = { ok: true; token: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export const createApiToken = toAction(apiTokens.createApiToken, (result): NewTokenResult =>
  result.kind === "invalid" ? invalidFields(result.fieldErrors) : { ok: true, token: result.token },
);

export const revokeApiToken = toAction(apiTokens.revokeApiToken, (result): { ok: true } | { ok: false; message: string } =>
  result.kind === "missing" ? { ok: false, message: "That token no longer exists." } : { ok: true },
);
