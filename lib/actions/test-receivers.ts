"use server";

import { invalidFields } from "../forms/field-errors";
import * as testReceivers from "../operations/test-receivers";
import type { ReceiverSummary } from "../test-receivers/types";
import { toAction } from "./to-action";

// The Test receivers page's actions: adapters of lib/operations/test-receivers.ts.

type Failure = { ok: false; message: string; fieldErrors?: Record<string, string> };

export const listTestReceivers = toAction(testReceivers.listTestReceivers, (receivers) => receivers);

export const createTestReceiver = toAction(testReceivers.createTestReceiver, (result): { ok: true; receiver: ReceiverSummary } | Failure => {
  if (result.kind === "invalid") return invalidFields(result.fieldErrors);
  if (result.kind === "full") return { ok: false, message: result.message };
  return { ok: true, receiver: result.receiver };
});

export const setTestReceiverMode = toAction(testReceivers.setTestReceiverMode, (result): { ok: true } | Failure => {
  if (result.kind === "missing") return { ok: false, message: testReceivers.receiverMissingMessage };
  if (result.kind === "invalid") return { ok: false, message: result.message };
  return { ok: true };
});

export const deleteTestReceiver = toAction(testReceivers.deleteTestReceiver, (result): { ok: true } | Failure =>
  result.kind === "missing" ? { ok: false, message: testReceivers.receiverMissingMessage } : { ok: true },
);
