import "server-only";
import { revalidatePath } from "next/cache";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { fieldErrorsOf, type FieldErrors } from "../forms/field-errors";
import { portalUrl } from "../registry/portal-url";
import { MAX_RECEIVERS, RECEIVER_LIFETIME_MS } from "../test-receivers/limits";
import { isReceiverId, newReceiverId, receiverUrl } from "../test-receivers/receiver-url";
import { RECEIVER_MODE_LABELS, receiverModeOf, receiverModeSchema, testReceiverSchema } from "../test-receivers/schema";
import { deleteReceivers, requestsOf } from "../test-receivers/store";
import type { ReceivedRequest, ReceiverSummary } from "../test-receivers/types";
import { defineOperation, type Caller } from "./operation";

// Test receivers (README, "Test receivers"): portal-wide, not per registry. Readers see the
// list; Contributors create, change and delete them, and read what arrived, which holds the
// header values and signatures webhooks send (Readers may not read those back either:
// webhooks.get-callback-config is Contributor's).

const PAGE_PATH = "/test-receivers";

type ReceiverRow = { id: string; name: string; mode: string; createdBy: string; createdAt: Date; expiresAt: Date };

const summaryOf = (row: ReceiverRow, origin: string): ReceiverSummary => ({
  id: row.id,
  name: row.name,
  mode: receiverModeOf(row.mode),
  url: receiverUrl(origin, row.id),
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

const audit = (caller: Caller, action: "test-receiver.create" | "test-receiver.delete" | "test-receiver.set-mode", target: string, detail?: string) =>
  recordAudit({ actor: { id: caller.principal.id, email: caller.principal.email }, action, target, detail, ipAddress: caller.ipAddress });

/** A live receiver by id (expired ones are as good as gone: they answer 404 already). */
const findLive = (id: unknown) => (isReceiverId(id) ? db.testReceiver.findFirst({ where: { id, expiresAt: { gt: new Date() } } }) : Promise.resolve(null));

export const receiverMissingMessage = "That test receiver no longer exists (it may have expired or been deleted).";

/** Live receivers, newest first. */
export const listTestReceivers = defineOperation("test-receivers.list", "reader", async (_caller: Caller): Promise<ReceiverSummary[]> => {
  const rows = await db.testReceiver.findMany({ where: { expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" }, take: MAX_RECEIVERS });
  const origin = await portalUrl();
  return rows.map((row) => summaryOf(row, origin));
});

export type CreateReceiverResult = { kind: "invalid"; fieldErrors: FieldErrors } | { kind: "full"; message: string } | { kind: "created"; receiver: ReceiverSummary };

export const createTestReceiver = defineOperation("test-receivers.create", "contributor", async (caller: Caller, values: unknown): Promise<CreateReceiverResult> => {
  const parsed = testReceiverSchema.safeParse(values);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const now = new Date();
  // A cap that can be passed by one when two instances create at once: the bound is what matters.
  if ((await db.testReceiver.count({ where: { expiresAt: { gt: now } } })) >= MAX_RECEIVERS) {
    return { kind: "full", message: `The portal holds at most ${MAX_RECEIVERS} test receivers: delete one first.` };
  }
  const row = await db.testReceiver.create({
    data: { id: newReceiverId(), ...parsed.data, createdBy: caller.principal.email, createdAt: now, expiresAt: new Date(now.getTime() + RECEIVER_LIFETIME_MS) },
  });
  await audit(caller, "test-receiver.create", row.name, RECEIVER_MODE_LABELS[parsed.data.mode]);
  revalidatePath(PAGE_PATH);
  return { kind: "created", receiver: summaryOf(row, await portalUrl()) };
});

export const setTestReceiverMode = defineOperation(
  "test-receivers.set-mode",
  "contributor",
  async (caller: Caller, id: unknown, mode: unknown): Promise<{ kind: "missing" } | { kind: "invalid"; message: string } | { kind: "done" }> => {
    const parsed = receiverModeSchema.safeParse(mode);
    if (!parsed.success) return { kind: "invalid", message: "Choose 200, 500 or Slow." };
    const receiver = await findLive(id);
    if (!receiver) return { kind: "missing" };
    await db.testReceiver.update({ where: { id: receiver.id }, data: { mode: parsed.data } });
    await audit(caller, "test-receiver.set-mode", receiver.name, RECEIVER_MODE_LABELS[parsed.data]);
    revalidatePath(PAGE_PATH);
    return { kind: "done" };
  },
);

export const deleteTestReceiver = defineOperation("test-receivers.delete", "contributor", async (caller: Caller, id: unknown): Promise<{ kind: "missing" } | { kind: "deleted" }> => {
  const receiver = await findLive(id);
  if (!receiver) return { kind: "missing" };
  await deleteReceivers([receiver.id]);
  await audit(caller, "test-receiver.delete", receiver.name);
  revalidatePath(PAGE_PATH);
  return { kind: "deleted" };
});

/** A live receiver and what it got, newest first. */
export const readTestReceiverRequests = defineOperation(
  "test-receivers.read-requests",
  "contributor",
  async (_caller: Caller, id: unknown): Promise<{ kind: "missing" } | { kind: "found"; receiver: ReceiverSummary; requests: ReceivedRequest[] }> => {
    const receiver = await findLive(id);
    if (!receiver) return { kind: "missing" };
    return { kind: "found", receiver: summaryOf(receiver, await portalUrl()), requests: await requestsOf(receiver.id) };
  },
);
