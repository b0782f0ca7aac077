import { test } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATABASE_URL,
  E2E_POSTGRES_BASE_URL,
  E2E_POSTGRES_DATABASE_URL,
  E2E_POSTGRES_SECRET_KEY,
  E2E_POSTGRES_STORAGE,
  E2E_STORAGE,
} from "./settings";

// The shared portal a Playwright project tests: its URL, its database, the key its stored
// secrets are sealed with and its signed-in browser states. Each project names its target in
// playwright.config.ts (`use: { target }`); fixtures and helpers follow it.

export type E2ETarget = {
  name: "sqlite" | "postgresql";
  baseUrl: string;
  databaseUrl: string;
  /** SECRET_KEY as the portal has it; null: the SQLite portal's generated secret.key file. */
  secretKey: string | null;
  storage: { owner: string; contributor: string; reader: string };
};

export const SQLITE_TARGET: E2ETarget = {
  name: "sqlite",
  baseUrl: E2E_BASE_URL,
  databaseUrl: E2E_DATABASE_URL,
  secretKey: null,
  storage: E2E_STORAGE,
};

export const POSTGRES_TARGET: E2ETarget = {
  name: "postgresql",
  baseUrl: E2E_POSTGRES_BASE_URL,
  databaseUrl: E2E_POSTGRES_DATABASE_URL,
  secretKey: E2E_POSTGRES_SECRET_KEY,
  storage: E2E_POSTGRES_STORAGE,
};

/**
 * The running test's target, for helpers that get no fixtures (sealing a secret, making a token
 * in a browser). Only inside a test or hook: outside one, test.info() throws.
 */
export const currentTarget = (): E2ETarget =>
  (test.info().project.use as { target?: E2ETarget }).target ?? SQLITE_TARGET;

/** The fixture option each project sets (e2e/fixtures.ts declares it). */
export type TargetOptions = { target: E2ETarget };
