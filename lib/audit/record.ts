import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "../http/client-address";
import { db } from "../db";

/** Everything the audit log records; the page shows these words. */
export type AuditAction =
  | "sign-in"
  | "sign-in-failed"
  | "sign-out"
  | "setup"
  | "registry.create"
  | "registry.regenerate-token"
  | "registry.update-api"
  | "webhook.create"
  | "webhook.update"
  | "webhook.delete"
  | "webhook.ping"
  | "webhook.redeliver"
  | "webhook.send-sample"
  | "webhook.enable"
  | "webhook.recover"
  | "webhook.auto-disable"
  | "webhook.get-config"
  | "webhook.reveal-signing-secret"
  | "webhook.rotate-signing-secret"
  | "user.create"
  | "user.change-role"
  | "user.delete"
  | "api-token.create"
  | "api-token.revoke"
  | "test-receiver.create"
  | "test-receiver.set-mode"
  | "test-receiver.delete";

export type AuditActor = { id: string; email: string } | { id: null; email: string };

export type AuditRecord = { actor: AuditActor; action: AuditAction; target?: string; detail?: string; ipAddress?: string };

export const recordAudit = async ({ actor, action, target = "", detail = "", ipAddress }: AuditRecord) => {
  await db.auditEntry.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      target,
      detail,
      ipAddress: ipAddress ?? clientAddress(await headers()),
    },
  });
};
