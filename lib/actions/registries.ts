"use server";

import { invalidFields } from "../forms/field-errors";
import * as registries from "../operations/registries";
import * as registryApi from "../operations/registry-api";
import type { RegistryApiView } from "../registry/api-settings";
import { toAction } from "./to-action";

// The Registries pages' server actions: adapters of lib/operations/registries.ts.

/** A new token is shown once, with the config that uses it; only its hash is kept. */
export type TokenResult =
  | { ok: true; registry: string; token: string; endpoint: string; yaml: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

const shown = ({ registry, token, endpoint, yaml }: registries.NewToken): TokenResult => ({ ok: true, registry, token, endpoint, yaml });

export const createRegistry = toAction(registries.createRegistry, (result): TokenResult =>
  result.kind === "invalid" ? invalidFields(result.fieldErrors) : shown(result),
);

export const regenerateToken = toAction(registries.regenerateRegistryToken, (result, registryName): TokenResult =>
  result.kind === "registry-missing" ? { ok: false, message: registries.registryMissingMessage(String(registryName)) } : shown(result),
);

export type RegistryApiResult =
  | { ok: true; view: RegistryApiView }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

export const updateRegistryApi = toAction(registryApi.updateRegistryApi, (result, registryName): RegistryApiResult => {
  if (result.kind === "registry-missing") return { ok: false, message: registries.registryMissingMessage(String(registryName)) };
  if (result.kind === "invalid") return invalidFields(result.fieldErrors);
  return { ok: true, view: result.view };
});
