import "server-only";
import * as apiDescription from "./api-description";
import * as apiTokens from "./api-tokens";
import * as auditLog from "./audit-log";
import type { AnyOperation } from "./operation";
import * as registries from "./registries";
import * as registryApi from "./registry-api";
import * as testReceivers from "./test-receivers";
import * as users from "./users";
import * as webhookRecovery from "./webhook-recovery";
import * as webhooks from "./webhooks";

// Every declared operation, for the test that proves each refuses a caller below its role
// and for the README's table of who may do what. A module's exports that are operations
// (functions carrying `operationName` and `least`) are picked up by themselves.

const isOperation = (value: unknown): value is AnyOperation =>
  typeof value === "function" && typeof (value as Partial<AnyOperation>).operationName === "string";

export const OPERATIONS: readonly AnyOperation[] = [webhooks, webhookRecovery, registries, registryApi, users, apiTokens, auditLog, apiDescription, testReceivers]
  .flatMap((module) => Object.values(module))
  .filter(isOperation);
